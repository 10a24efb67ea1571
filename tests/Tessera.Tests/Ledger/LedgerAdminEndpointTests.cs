using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Ledger;

/// <summary>The ledger's operator routes over HTTP, behind the operator key.</summary>
public sealed class LedgerAdminEndpointTests : IAsyncLifetime
{
    private const string Base = "/admin/v1";

    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Grants_balances_plan_and_audit_speak_the_documented_shapes()
    {
        var id = await CreateAccountAsync();
        var client = _factory.CreateAdminClient();

        using var grant = new HttpRequestMessage(HttpMethod.Post, $"{Base}/accounts/{id}/grants")
        {
            Content = JsonContent.Create(new { currency = "credits", amount = 2.5m, pool = "purchased", reason = "test" }),
        };
        grant.Headers.Add("Idempotency-Key", "g1");
        var created = await client.SendAsync(grant, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await created.ReadJsonAsync();

        using var again = new HttpRequestMessage(HttpMethod.Post, $"{Base}/accounts/{id}/grants")
        {
            Content = JsonContent.Create(new { currency = "credits", amount = 2.5m, pool = "purchased", reason = "test" }),
        };
        again.Headers.Add("Idempotency-Key", "g1");
        var replay = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first.GetProperty("id").ToString(), (await replay.ReadJsonAsync()).GetProperty("id").ToString());

        var balances = await client.GetFromJsonAsync<JsonElement>($"{Base}/accounts/{id}/balances", Ct);
        var purchased = balances.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("pool").GetString() == "purchased");
        Assert.Equal(2.5m, purchased.GetProperty("available").GetDecimal());
        Assert.Contains(balances.GetProperty("balances").EnumerateArray(), b => b.GetProperty("currency").GetString() == "sats" && b.GetProperty("pool").ValueKind == JsonValueKind.Null);

        var plan = await client.PutAsJsonAsync($"{Base}/accounts/{id}/monthly-plan", new { monthly_credits = 50, billing_day = 3 }, Ct);
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var badPlan = await client.PutAsJsonAsync($"{Base}/accounts/{id}/monthly-plan", new { monthly_credits = 50, billing_day = 31 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPlan.StatusCode);

        var audit = await client.GetFromJsonAsync<JsonElement>($"{Base}/ledger/audit", Ct);
        Assert.True(audit.GetProperty("ok").GetBoolean());
        Assert.Equal(0, audit.GetProperty("holds_spent_twice").GetInt32());
        Assert.Contains(audit.GetProperty("currencies").EnumerateArray(), c => c.GetProperty("currency").GetString() == "credits" && c.GetProperty("sum").GetInt64() == 0);
    }

    [Fact]
    public async Task Grants_need_the_operator_key()
    {
        var id = await CreateAccountAsync();
        var anonymous = await _factory.CreateClient().PostAsJsonAsync($"{Base}/accounts/{id}/grants", new { currency = "sats", amount = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Unknown_accounts_are_404_and_bad_currencies_400()
    {
        var client = _factory.CreateAdminClient();
        var missing = await client.PostAsJsonAsync($"{Base}/accounts/acc_missing/grants", new { currency = "credits", amount = 1, pool = "monthly" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var id = await CreateAccountAsync();
        var bad = await client.PostAsJsonAsync($"{Base}/accounts/{id}/grants", new { currency = "dollars", amount = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("validation_error", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private Task<string> CreateAccountAsync() => _factory.CreateAdminClient().CreateAccountAsync();
}
