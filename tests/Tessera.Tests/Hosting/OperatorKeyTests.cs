using Microsoft.Data.Sqlite;
using Npgsql;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

public sealed class OperatorKeyTests
{
    [Fact]
    public async Task Without_a_configured_key_one_is_generated_and_only_its_hash_is_stored()
    {
        await using var database = TestDatabase.Create();
        await using (var factory = new TesseraFactory(database) { AdminKey = null })
        {
            factory.CreateClient(); // starts the host, which makes the key
        }

        var stored = await ReadSettingAsync(database, "operator_key_sha256");
        Assert.NotNull(stored);
        Assert.Matches("^[0-9A-F]{64}$", stored);

        // A second start keeps the same key rather than making another.
        await using (var again = new TesseraFactory(database) { AdminKey = null })
        {
            again.CreateClient();
        }

        Assert.Equal(stored, await ReadSettingAsync(database, "operator_key_sha256"));
    }

    private static async Task<string?> ReadSettingAsync(TestDatabase database, string name)
    {
        var ct = TestContext.Current.CancellationToken;
        System.Data.Common.DbConnection connection = database.IsPostgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "tessera.db")}");
        await using (connection)
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM settings WHERE name = @name";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
            return await command.ExecuteScalarAsync(ct) as string;
        }
    }
}
