using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary><c>GET /dojo/api/v1/credits</c>: the caller's own balance, as the ledger has it, without spending.</summary>
public sealed class DojoCreditsTests
{
    private static async Task<decimal> CreditsAsync(HttpClient client, string key)
    {
        var response = await client.GetWithKeyAsync($"{Api}/credits", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("creditsRemaining").GetDecimal();
    }

    private static async Task<decimal> LedgerAvailableAsync(TesseraFactory factory, string accountId)
    {
        var balances = await (await factory.CreateAdminClient().GetAsync($"/admin/v1/accounts/{accountId}/balances", Ct)).ReadJsonAsync();
        return balances.GetProperty("balances").EnumerateArray()
            .Where(b => b.GetProperty("currency").GetString() == "credits").Sum(b => b.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task The_balance_matches_the_ledger_after_a_grant_and_after_a_job()
    {
        await using var factory = Configure(new TesseraFactory());
        var (accountId, key) = await factory.CreateUserAsync(credits: 0);
        var client = factory.CreateClient();
        Assert.Equal(0m, await CreditsAsync(client, key));

        var grant = await factory.CreateAdminClient().PostAsJsonAsync($"/admin/v1/accounts/{accountId}/grants", new { currency = "credits", amount = 12.5m, pool = "monthly" }, Ct);
        Assert.True(grant.IsSuccessStatusCode);
        Assert.Equal(12.5m, await CreditsAsync(client, key));
        Assert.Equal(await LedgerAvailableAsync(factory, accountId), await CreditsAsync(client, key));

        var run = await client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", key, new { prompt = "a red square" });
        var answer = await run.ReadJsonAsync();
        var job = await client.WaitForJobAsync(key, answer.GetProperty("jobId").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var after = await CreditsAsync(client, key);
        Assert.True(after < 12.5m, $"a completed job spends credits: {after}");
        Assert.Equal(await LedgerAvailableAsync(factory, accountId), after);
        Assert.Equal(answer.GetProperty("creditsRemaining").GetDecimal(), after);
    }

    [Fact]
    public async Task Without_a_valid_key_the_balance_is_401_in_the_dojo_shape()
    {
        await using var factory = Configure(new TesseraFactory());
        var client = factory.CreateClient();
        var none = await client.GetAsync($"{Api}/credits", Ct);
        var wrong = await client.GetWithKeyAsync($"{Api}/credits", "pd_not_a_key");
        foreach (var response in new[] { none, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = (await response.ReadJsonAsync()).GetProperty("error");
            Assert.Equal(401, error.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task Each_key_sees_only_its_own_accounts_balance()
    {
        await using var factory = Configure(new TesseraFactory());
        var (_, rich) = await factory.CreateUserAsync(credits: 40);
        var (_, poor) = await factory.CreateUserAsync(credits: 3);
        var client = factory.CreateClient();
        Assert.Equal(40m, await CreditsAsync(client, rich));
        Assert.Equal(3m, await CreditsAsync(client, poor));

        // No parameter names another account: a query or header naming one is ignored.
        var probe = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Api}/credits?accountId=other&account_id=other").WithKey(poor), Ct);
        Assert.Equal(3m, (await probe.ReadJsonAsync()).GetProperty("creditsRemaining").GetDecimal());
    }

    [Fact]
    public async Task The_balance_counts_against_the_dojo_rate_limit()
    {
        await using var factory = Configure(new TesseraFactory())
            .With("Tessera:RateLimits:Policies:dojo:0:Kind", "FixedWindow")
            .With("Tessera:RateLimits:Policies:dojo:0:Limit", "3")
            .With("Tessera:RateLimits:Policies:dojo:0:Window", "01:00:00")
            .With("Tessera:RateLimits:Policies:dojo:0:Partition", "Key");
        var (_, key) = await factory.CreateUserAsync(credits: 1);
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1m, await CreditsAsync(client, key));
        }

        var refused = await client.GetWithKeyAsync($"{Api}/credits", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limit_exceeded", await refused.ErrorCodeAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
