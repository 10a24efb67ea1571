using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tessera.Storage;

/// <summary>Turns <c>--data</c> / <c>--database</c> into a provider and a connection string it accepts.</summary>
public static class ConnectionStrings
{
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(StorageOptions options)
    {
        // The data directory holds blobs and the secret key on PostgreSQL too: it is made (or tightened to) 0700 either way.
        OwnerOnlyFiles.EnsureDirectory(options.Data);
        var database = options.Database?.Trim();
        if (string.IsNullOrEmpty(database))
        {
            var path = Path.GetFullPath(Path.Combine(options.Data, "tessera.db"));
            OwnerOnlyFiles.SqliteDatabase(path);
            return (DatabaseProvider.Sqlite, Sqlite(path));
        }

        if (database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return (DatabaseProvider.Postgres, FromPostgresUri(new Uri(database)));
        }

        if (database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ||
            database.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return (DatabaseProvider.Postgres, database);
        }

        return (DatabaseProvider.Sqlite, database);
    }

    internal static string Sqlite(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private static string FromPostgresUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        return builder.ToString();
    }
}
