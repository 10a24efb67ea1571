using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Issue #11 item 10: anonymous agent creation is limited per client address.</summary>
public sealed class OmpAgentRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_address_creates_ten_agents_then_gets_429_with_retry_after_in_the_omp_shape()
    {
        await using var factory = new TesseraFactory();
        var client = factory.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, $"fp-{i}")).StatusCode);
        }

        var refused = await CreateAsync(client, "fp-10");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var body = await refused.ReadJsonAsync();
        Assert.Equal("rate_limit_exceeded", body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_limit_is_configurable()
    {
        await using var factory = new TesseraFactory()
            .With("Tessera:RateLimits:Policies:omp-agents:0:Kind", "FixedWindow")
            .With("Tessera:RateLimits:Policies:omp-agents:0:Limit", "2")
            .With("Tessera:RateLimits:Policies:omp-agents:0:Window", "1.00:00:00")
            .With("Tessera:RateLimits:Policies:omp-agents:0:Partition", "Ip");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "a")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "b")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CreateAsync(client, "c")).StatusCode);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string fingerprint) =>
        client.PostAsJsonAsync("/omp/api/agent", new { fingerprint }, Ct);
}
