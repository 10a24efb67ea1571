using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Engines;
using Tessera.Storage;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary>The doc's 500 codes, each provoked by a real fault: a database trigger that refuses an insert, a registry that throws.</summary>
public sealed class DojoFaultTests
{
    [Fact]
    public async Task A_ledger_fault_while_holding_credits_is_500_credit_error_and_makes_no_job()
    {
        await using var factory = Configure(new TesseraFactory());
        var (_, key) = await factory.CreateUserAsync(credits: 5);
        await RefuseInsertsAsync(factory, "ledger_holds");
        var client = factory.CreateClient();

        var response = await client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", key, new { prompt = "x" });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("credit_error", await response.ErrorCodeAsync());
        Assert.Empty((await (await client.GetWithKeyAsync($"{Api}/jobs", key)).ReadJsonAsync()).GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task A_queue_fault_after_the_hold_is_500_submission_failed_and_returns_the_credits()
    {
        await using var factory = Configure(new TesseraFactory());
        var (accountId, key) = await factory.CreateUserAsync(credits: 5);
        await RefuseInsertsAsync(factory, "jobs");
        var client = factory.CreateClient();

        var response = await client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", key, new { prompt = "x" });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("submission_failed", await response.ErrorCodeAsync());

        var balances = await (await factory.CreateAdminClient().GetAsync($"/admin/v1/accounts/{accountId}/balances", Ct)).ReadJsonAsync();
        var credits = balances.GetProperty("balances").EnumerateArray().Where(b => b.GetProperty("currency").GetString() == "credits");
        Assert.Equal(5m, credits.Sum(b => b.GetProperty("available").GetDecimal()));
    }

    [Fact]
    public async Task An_unexpected_exception_is_500_internal_error_without_a_stack_trace()
    {
        await using var factory = Configure(new TesseraFactory()).WithServices(services => services.AddSingleton<IModelRegistry, ThrowingRegistry>());
        var (_, key) = await factory.CreateUserAsync(credits: 0);
        var response = await factory.CreateClient().GetWithKeyAsync($"{Api}/models", key);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("ThrowingRegistry", text, StringComparison.Ordinal);
        Assert.Equal("internal_error", await response.ErrorCodeAsync());
    }

    /// <summary>Makes every INSERT into <paramref name="table"/> fail, as a broken disk or a lost connection would.</summary>
    private static async Task RefuseInsertsAsync(TesseraFactory factory, string table)
    {
        var database = factory.Services.GetRequiredService<TesseraDatabase>();
        await using var connection = await database.OpenAsync(Ct);
        var sql = database.IsSqlite
            ? $"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"
            : $"""
              CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;
              CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_{table}();
              """;
        await connection.Command(sql).ExecuteNonQueryAsync(Ct);
    }

    private sealed class ThrowingRegistry : IModelRegistry
    {
        public IReadOnlyList<ModelDefinition> All => throw new InvalidOperationException("ThrowingRegistry: injected fault");

        public ModelDefinition? Find(string id) => throw new InvalidOperationException("ThrowingRegistry: injected fault");

        public IGenerationEngine? Engine(string name) => null;
    }
}
