using Microsoft.Data.Sqlite;
using Tessera.Storage;

namespace Tessera.Tests.Canvas.Placements;

/// <summary>Migration 0046 on a SQLite database that already holds placements: the table rebuild keeps every row and flag.</summary>
public sealed class PlacementReviewMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upgrading_keeps_placements_flags_and_the_overlap_guard_and_removed_frees_the_square()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        await ExecAsync(connection, "PRAGMA foreign_keys=ON;");
        var scripts = MigrationRunner.Scripts(DatabaseProvider.Sqlite);
        foreach (var (_, sql) in scripts.Where(s => string.CompareOrdinal(s.Id, "0046") < 0))
        {
            await ExecAsync(connection, sql);
        }

        await InsertAsync(connection, 1, 0, "active");
        await InsertAsync(connection, 2, 100, "hidden");
        await InsertAsync(connection, 3, 200, "expired");
        await ExecAsync(connection, "INSERT INTO placement_flags VALUES (1, '192.0.2.1', 0), (2, '192.0.2.2', 0);");

        // As the runner applies it: one transaction.
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = scripts.Single(s => s.Id.StartsWith("0046", StringComparison.Ordinal)).Sql;
            await command.ExecuteNonQueryAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(3L, await ScalarAsync(connection, "SELECT COUNT(*) FROM placements"));
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT COUNT(*) FROM placement_flags"));
        await Assert.ThrowsAsync<SqliteException>(() => InsertAsync(connection, 4, 5, "active"));

        await ExecAsync(connection, "UPDATE placements SET status = 'removed' WHERE pk = 1;");
        await InsertAsync(connection, 5, 5, "active");
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    private static Task InsertAsync(SqliteConnection connection, int pk, int x, string status) => ExecAsync(connection, $"""
        INSERT INTO placements (pk, id, canvas, x, y, size, status, sats, image_hash, preview, payment_hash, invoice, expires_at, flags, created_at, updated_at, seq)
        VALUES ({pk}, 'plc_{pk}', 'bsap', {x}, 0, 10, '{status}', 100, 'hash', x'00', 'pay_{pk}', 'lnbc', 0, 1, 0, 0, {pk});
        """);

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
