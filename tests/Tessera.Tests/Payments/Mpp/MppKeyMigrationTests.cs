using Microsoft.Data.Sqlite;
using Tessera.Storage;

namespace Tessera.Tests.Payments.Mpp;

/// <summary>Migration 0047: the MPP challenge key Billion Satoshi kept in bsap_state moves to payments_settings as it is.</summary>
public sealed class MppKeyMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upgrading_moves_the_stored_challenge_key_unchanged_and_leaves_the_agent_reveal_in_bsap_state()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var scripts = MigrationRunner.Scripts(DatabaseProvider.Sqlite);
        foreach (var (_, sql) in scripts.Where(s => string.CompareOrdinal(s.Id, "0047") < 0))
        {
            await ExecAsync(connection, sql);
        }

        await ExecAsync(connection, """
            INSERT INTO bsap_state (name, value, created_at) VALUES ('mpp_challenge_key', 'enc1:k1:sealed', 7), ('agent_layer_revealed_at', '2026-01-01', 8);
            """);

        await ExecAsync(connection, scripts.Single(s => s.Id.StartsWith("0047", StringComparison.Ordinal)).Sql);

        Assert.Equal("enc1:k1:sealed|7", await ScalarAsync(connection, "SELECT value || '|' || created_at FROM payments_settings WHERE name = 'mpp_challenge_key'"));
        Assert.Equal("agent_layer_revealed_at", await ScalarAsync(connection, "SELECT group_concat(name) FROM bsap_state"));
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync(Ct);
    }
}
