using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanCreditsTests : IAsyncDisposable
{
    private readonly OceanHost _host = Start();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<(string Account, string Key)> AccountAsync()
    {
        var admin = _host.Factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync("ocean credits");
        var (_, key) = await admin.CreateKeyAsync(account);
        return (account, key);
    }

    private async Task GrantAsync(string account, string currency, decimal amount, string? pool)
    {
        using var granted = await _host.Factory.CreateAdminClient().PostAsJsonAsync(
            $"/admin/v1/accounts/{account}/grants", new { currency, amount, pool, reason = $"test {amount}" }, Ct);
        Assert.Equal(201, (int)granted.StatusCode);
    }

    [Fact]
    public async Task The_statement_shows_the_callers_own_credits_and_pixcoins_with_totals_that_add_up()
    {
        var (account, key) = await AccountAsync();
        var (other, otherKey) = await AccountAsync();
        await GrantAsync(account, "credits", 12.5m, "purchased");
        await GrantAsync(account, "credits", 3m, "monthly");
        await GrantAsync(account, "pixcoins", 2m, null);
        await GrantAsync(account, "sats", 1000m, null);
        await GrantAsync(other, "credits", 99m, "purchased");

        var statement = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/credits", key);
        Assert.True(statement.GetProperty("success").GetBoolean());
        Assert.Equal(15.5m, statement.GetProperty("balances").GetProperty("credits").GetDecimal());
        Assert.Equal(2m, statement.GetProperty("balances").GetProperty("pixcoins").GetDecimal());
        var credits = statement.GetProperty("totals").EnumerateArray().Single(total => total.GetProperty("currency").GetString() == "credits");
        Assert.Equal(15.5m, credits.GetProperty("in").GetDecimal());
        Assert.Equal(0m, credits.GetProperty("out").GetDecimal());
        Assert.Equal(15.5m, credits.GetProperty("available").GetDecimal());

        var entries = statement.GetProperty("entries").EnumerateArray().ToList();
        // Newest first; sats are not an Ocean currency; the other account's grant is not here.
        Assert.Equal([2m, 3m, 12.5m], entries.Select(entry => entry.GetProperty("amount").GetDecimal()));
        Assert.Equal(["pixcoins", "credits", "credits"], entries.Select(entry => entry.GetProperty("currency").GetString()));
        Assert.All(entries, entry => Assert.Equal("grant", entry.GetProperty("kind").GetString()));
        Assert.Equal("test 12.5", entries[2].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, statement.GetProperty("next_before").ValueKind);

        var others = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/credits", otherKey);
        Assert.Equal(99m, others.GetProperty("balances").GetProperty("credits").GetDecimal());
        Assert.Single(others.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Pages_follow_next_before_and_a_currency_narrows_the_entries()
    {
        var (account, key) = await AccountAsync();
        foreach (var amount in new[] { 1m, 2m, 3m })
        {
            await GrantAsync(account, "credits", amount, "purchased");
        }

        await GrantAsync(account, "pixcoins", 7m, null);
        var seen = new List<decimal>();
        string? before = null;
        do
        {
            var page = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/credits?currency=credits&limit=2" + (before is null ? "" : $"&before={before}"), key);
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("amount").GetDecimal()));
            var next = page.GetProperty("next_before");
            before = next.ValueKind == JsonValueKind.Null ? null : next.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        while (before is not null);

        Assert.Equal([3m, 2m, 1m], seen);
    }

    [Theory]
    [InlineData("?currency=sats", "'currency' must be credits or pixcoins")]
    [InlineData("?limit=lots", "'limit'")]
    [InlineData("?before=-3", "'before'")]
    public async Task Bad_parameters_are_400s_in_the_ocean_shape(string query, string message)
    {
        var (_, key) = await AccountAsync();
        var error = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/credits{query}", key, expected: 400);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_statement_is_401()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"{MediaApi}/credits", key: null);
        Assert.Equal(401, (int)response.StatusCode);
    }
}
