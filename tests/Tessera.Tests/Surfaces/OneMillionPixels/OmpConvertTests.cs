using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class OmpConvertTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
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

    private async Task<(string Account, string Key)> AgentWithCreditsAsync(string fingerprint, decimal credits)
    {
        var (account, key, _) = await _client.CreateAgentAsync(fingerprint);
        if (credits > 0)
        {
            await _admin.GrantPixelCreditsAsync(account, credits);
        }

        return (account, key);
    }

    [Fact]
    public async Task Credits_buy_the_largest_square_they_pay_for_and_exactly_its_area_is_debited()
    {
        var (account, key) = await AgentWithCreditsAsync("fp-full", 26.5m);
        var response = await _client.ConvertAsync(key, 100, 200);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var claim = await response.ReadJsonAsync();
        Assert.Equal((100, 200, 5, 25), (claim.GetProperty("x").GetInt32(), claim.GetProperty("y").GetInt32(), claim.GetProperty("size").GetInt32(), claim.GetProperty("pixels").GetInt32()));
        Assert.Equal(25m, claim.GetProperty("pixel_credits_spent").GetDecimal());
        Assert.Equal(1.5m, claim.GetProperty("pixel_credits_remaining").GetDecimal());
        Assert.Equal(1.5m, await _admin.PixelCreditsAsync(account));

        var stats = await (await _client.GetWithKeyAsync("/omp/api/agent/stats", key)).ReadJsonAsync();
        Assert.Equal(25, stats.GetProperty("owned_pixels").GetInt64());
        await _admin.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_blocked_square_shrinks_to_the_largest_that_fits_there()
    {
        var (account, key) = await AgentWithCreditsAsync("fp-partial", 100m);
        var other = await _admin.CreateAccountAsync("neighbour");
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = other, x = 306, y = 303, width = 1, height = 1 }, Ct)).StatusCode);

        var claim = await (await _client.ConvertAsync(key, 300, 300)).ReadJsonAsync();
        Assert.Equal(6, claim.GetProperty("size").GetInt32());
        Assert.Equal(36m, claim.GetProperty("pixel_credits_spent").GetDecimal());
        Assert.Equal(64m, await _admin.PixelCreditsAsync(account));

        // The canvas edge bounds it too: 3 columns are left right of x = 997.
        var edge = await (await _client.ConvertAsync(key, 997, 0)).ReadJsonAsync();
        Assert.Equal(3, edge.GetProperty("size").GetInt32());
        Assert.Equal(55m, await _admin.PixelCreditsAsync(account));
        await _admin.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Converting_without_a_whole_credit_or_on_a_taken_pixel_is_400_and_costs_nothing()
    {
        var (poor, poorKey) = await AgentWithCreditsAsync("fp-poor", 0.999m);
        var response = await _client.ConvertAsync(poorKey, 0, 0);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("insufficient_pixel_credits", await response.CodeAsync());
        Assert.Equal(0.999m, await _admin.PixelCreditsAsync(poor));

        var (rich, richKey) = await AgentWithCreditsAsync("fp-rich", 9m);
        var other = await _admin.CreateAccountAsync("owner");
        await _admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = other, x = 500, y = 500, width = 10, height = 10 }, Ct);
        var taken = await _client.ConvertAsync(richKey, 505, 505);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal("no_free_square", await taken.CodeAsync());
        Assert.Equal(9m, await _admin.PixelCreditsAsync(rich));

        var outside = await _client.ConvertAsync(richKey, 1000, 0);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(9m, await _admin.PixelCreditsAsync(rich));
        await _admin.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task Converting_needs_a_key_and_start_coordinates()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsJsonAsync("/omp/api/agent/convert", new { start_x = 0, start_y = 0 }, Ct)).StatusCode);
        var (_, key) = await AgentWithCreditsAsync("fp-missing", 4m);
        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/agent/convert") { Content = JsonContent.Create(new { start_x = 1 }) }.WithKey(key);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Two_racing_converts_at_one_spot_do_not_both_succeed()
    {
        var racers = new List<(string Account, string Key)>();
        for (var i = 0; i < 4; i++)
        {
            racers.Add(await AgentWithCreditsAsync($"fp-racer-{i}", 16m));
        }

        var responses = await Task.WhenAll(racers.Select(racer => _client.ConvertAsync(racer.Key, 700, 700)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));

        var spent = 0m;
        foreach (var racer in racers)
        {
            spent += 16m - await _admin.PixelCreditsAsync(racer.Account);
        }

        Assert.Equal(16m, spent);
        var claims = await (await _admin.GetAsync("/admin/v1/canvases/omp/claims", Ct)).ReadJsonAsync();
        Assert.Single(claims.GetProperty("claims").EnumerateArray());
        await _admin.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task One_agent_racing_itself_spends_its_credits_once()
    {
        var (account, key) = await AgentWithCreditsAsync("fp-self-race", 4m);
        var responses = await Task.WhenAll(_client.ConvertAsync(key, 10, 10), _client.ConvertAsync(key, 50, 50));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(0m, await _admin.PixelCreditsAsync(account));
        await _admin.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_answers_the_first_conversion()
    {
        var (account, key) = await AgentWithCreditsAsync("fp-retry", 20m);
        var first = await (await _client.ConvertAsync(key, 40, 40, "convert-1")).ReadJsonAsync();
        var again = await _client.ConvertAsync(key, 40, 40, "convert-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = await again.ReadJsonAsync();
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal(16m, second.GetProperty("pixel_credits_spent").GetDecimal());
        Assert.Equal(4m, await _admin.PixelCreditsAsync(account));
    }

    [Fact]
    public async Task The_same_idempotency_key_for_another_square_is_a_422_and_converts_nothing()
    {
        var (account, key) = await AgentWithCreditsAsync("fp-reuse", 20m);
        Assert.Equal(HttpStatusCode.Created, (await _client.ConvertAsync(key, 60, 60, "convert-2")).StatusCode);

        var reused = await _client.ConvertAsync(key, 80, 80, "convert-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", await reused.CodeAsync());
        Assert.Equal(4m, await _admin.PixelCreditsAsync(account));
    }
}
