using Npgsql;

namespace Tessera.Tests.Support;

/// <summary>
/// A fresh, empty database for one test host (or several hosts acting as nodes of one cluster).
/// The suite runs on SQLite by default; with <c>TESSERA_TEST_POSTGRES</c> set to a server connection string
/// (CI starts PostgreSQL on loopback and runs the suite a second time) every database is a new PostgreSQL database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string PostgresVariable = "TESSERA_TEST_POSTGRES";

    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    private TestDatabase(string dataDirectory, string? connectionString, string? postgresServer, string? postgresName)
    {
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresServer = postgresServer;
        _postgresName = postgresName;
    }

    public string DataDirectory { get; }

    /// <summary>Null on SQLite: the server puts its file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; }

    public bool IsPostgres => _postgresName is not null;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static TestDatabase Create() => PostgresServer is { } server ? CreatePostgres(server) : CreateSqlite();

    public static TestDatabase CreateSqlite() =>
        new(NewDirectory(), null, null, null);

    public static TestDatabase CreatePostgres(string server)
    {
        var name = "tessera_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(NewDirectory(), builder.ToString(), server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing host; the OS temp cleaner takes it.
        }
    }

    private static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "tessera-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
