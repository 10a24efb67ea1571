using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Tessera.Storage;

/// <summary>
/// Applies each module's SQL migrations at start-up. A module keeps its scripts next to its code in
/// <c>Module/Migrations/{Sqlite|Postgres}/NNNN_name.sql</c>; scripts run in file-name order, once each, each in its
/// own transaction, and the applied ids are recorded in <c>schema_migrations</c>. Plain SQL rather than EF
/// migrations because the hot structures (partial indexes, R*Tree, exclusion constraints) are provider-specific anyway.
/// Several nodes starting at once on PostgreSQL serialise on an advisory lock.
/// </summary>
public sealed partial class MigrationRunner(TesseraDatabase database, ILogger<MigrationRunner> logger)
{
    private const long AdvisoryLockId = 0x7465737365726121; // "tessera!"

    public static IReadOnlyList<(string Id, string Sql)> Scripts(DatabaseProvider provider)
    {
        var folder = $"/Migrations/{provider}/";
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("migrations/", StringComparison.Ordinal) && name.Contains(folder, StringComparison.Ordinal))
            .Select(name => (Id: Path.GetFileNameWithoutExtension(name), Sql: Read(assembly, name)))
            .OrderBy(script => script.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.IsSqlite)
        {
            // WAL is a property of the file: set once, it stays. Readers never block the writer.
            await connection.Command("PRAGMA journal_mode=WAL;").ExecuteAndDisposeAsync(cancellationToken);
        }
        else
        {
            await connection.Command($"SELECT pg_advisory_lock({AdvisoryLockId})").ExecuteAndDisposeAsync(cancellationToken);
        }

        try
        {
            await connection.Command("CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at bigint NOT NULL)")
                .ExecuteAndDisposeAsync(cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await connection.Command("SELECT id FROM schema_migrations").ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            foreach (var (id, sql) in Scripts(database.Provider))
            {
                if (applied.Contains(id))
                {
                    continue;
                }

                await ApplyOneAsync(connection, id, sql, cancellationToken);
                LogApplied(logger, id, database.Provider);
            }
        }
        finally
        {
            if (!database.IsSqlite)
            {
                await connection.Command($"SELECT pg_advisory_unlock({AdvisoryLockId})").ExecuteAndDisposeAsync(CancellationToken.None);
            }
        }
    }

    private static async Task ApplyOneAsync(DbConnection connection, string id, string sql, CancellationToken cancellationToken)
    {
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        await connection.Command(sql, transaction).ExecuteAndDisposeAsync(cancellationToken);
        await connection.Command("INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)", transaction)
            .With("@id", id)
            .With("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Id} on {Provider}")]
    private static partial void LogApplied(ILogger logger, string id, DatabaseProvider provider);
}
