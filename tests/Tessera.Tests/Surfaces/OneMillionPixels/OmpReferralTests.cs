using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Tests.RateLimits;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class OmpReferralTests : IAsyncLifetime
{
    // X-Test-Ip sets the client address, as a trusted proxy would.
    private readonly TesseraFactory _factory = new TesseraFactory().WithServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
    private HttpClient _client = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        _admin = _factory.CreateAdminClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_unique_view_credits_one_thousandth_of_a_pixel_credit_once()
    {
        var (account, key, promo) = await _client.CreateAgentAsync("fp-agent-1");

        var first = await _client.ReferAsync(promo, "visitor-1", "10.0.0.1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.ReadJsonAsync();
        Assert.True(body.GetProperty("counted").GetBoolean());
        Assert.Equal(0.001m, body.GetProperty("pixel_credits_earned").GetDecimal());

        // The same fingerprint again, even from another address: recorded as a view, not counted or credited again.
        var repeat = await (await _client.ReferAsync(promo, "visitor-1", "10.0.0.2")).ReadJsonAsync();
        Assert.False(repeat.GetProperty("counted").GetBoolean());
        Assert.Equal("already_viewed", repeat.GetProperty("reason").GetString());

        Assert.Equal(0.001m, await _admin.PixelCreditsAsync(account));
        var stats = await (await _client.GetWithKeyAsync("/omp/api/agent/stats", key)).ReadJsonAsync();
        Assert.Equal(2, stats.GetProperty("views").GetInt64());
        Assert.Equal(1, stats.GetProperty("unique_views").GetInt64());
        Assert.Equal(0.001m, stats.GetProperty("pixel_credits").GetDecimal());
    }

    [Fact]
    public async Task Racing_repeats_of_one_view_credit_it_once()
    {
        var (account, _, promo) = await _client.CreateAgentAsync("fp-agent-race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.ReferAsync(promo, "visitor-race", "10.0.1.1")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var counted = 0;
        foreach (var response in responses)
        {
            counted += (await response.ReadJsonAsync()).GetProperty("counted").GetBoolean() ? 1 : 0;
        }

        Assert.Equal(1, counted);
        Assert.Equal(0.001m, await _admin.PixelCreditsAsync(account));
    }

    [Fact]
    public async Task The_agents_own_fingerprint_is_rejected()
    {
        var (account, _, promo) = await _client.CreateAgentAsync("fp-self");
        var response = await _client.ReferAsync(promo, "fp-self");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("self_view", await response.CodeAsync());
        Assert.Equal(0m, await _admin.PixelCreditsAsync(account));
    }

    [Fact]
    public async Task An_unknown_promo_code_is_404_and_bad_input_400()
    {
        var unknown = await _client.ReferAsync("pk_doesnotexist", "visitor");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("invalid_promo_code", await unknown.CodeAsync());

        var (_, _, promo) = await _client.CreateAgentAsync("fp-bad-input");
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.ReferAsync(promo, "")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.ReferAsync("", "visitor")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/omp/api/referral", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task One_address_counts_at_most_ten_views_per_promo_code_per_day()
    {
        var (account, key, promo) = await _client.CreateAgentAsync("fp-farmed");
        var (otherAccount, _, otherPromo) = await _client.CreateAgentAsync("fp-other");
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await (await _client.ReferAsync(promo, $"farm-{i}", "203.0.113.7")).ReadJsonAsync()).GetProperty("counted").GetBoolean());
        }

        var capped = await _client.ReferAsync(promo, "farm-10", "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, capped.StatusCode);
        var body = await capped.ReadJsonAsync();
        Assert.False(body.GetProperty("counted").GetBoolean());
        Assert.Equal("ip_daily_limit", body.GetProperty("reason").GetString());

        // The cap is per promo code and per address.
        Assert.True((await (await _client.ReferAsync(otherPromo, "farm-11", "203.0.113.7")).ReadJsonAsync()).GetProperty("counted").GetBoolean());
        Assert.True((await (await _client.ReferAsync(promo, "farm-12", "203.0.113.8")).ReadJsonAsync()).GetProperty("counted").GetBoolean());

        Assert.Equal(0.011m, await _admin.PixelCreditsAsync(account));
        Assert.Equal(0.001m, await _admin.PixelCreditsAsync(otherAccount));
        var stats = await (await _client.GetWithKeyAsync("/omp/api/agent/stats", key)).ReadJsonAsync();
        Assert.Equal(12, stats.GetProperty("views").GetInt64());
        Assert.Equal(11, stats.GetProperty("unique_views").GetInt64());
    }

    [Fact]
    public async Task A_thousand_unique_views_make_exactly_one_pixel_credit()
    {
        var (account, key, promo) = await _client.CreateAgentAsync("fp-popular");

        // 100 addresses × 10 fingerprints each: every view under the per-address cap.
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, _) =>
        {
            var response = await _client.ReferAsync(promo, $"visitor-{i}", $"198.51.{i / 10 / 250}.{i / 10 % 250}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.ReadJsonAsync()).GetProperty("counted").GetBoolean());
        });

        Assert.Equal(1m, await _admin.PixelCreditsAsync(account));
        var stats = await (await _client.GetWithKeyAsync("/omp/api/agent/stats", key)).ReadJsonAsync();
        Assert.Equal(1000, stats.GetProperty("unique_views").GetInt64());
        Assert.Equal(1m, stats.GetProperty("pixel_credits").GetDecimal());
        await _admin.AssertLedgerBalancedAsync();
    }
}
