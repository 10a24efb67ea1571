using System.Net;

namespace Tessera.Tests.RateLimits;

public sealed class RateLimitHeaderTests
{
    [Fact]
    public async Task Allowed_dojo_response_carries_x_ratelimit_and_ietf_fields()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock);
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/dojo/probe", key: "key-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("60", response.Header("X-RateLimit-Limit"));
        Assert.Equal("59", response.Header("X-RateLimit-Remaining"));
        Assert.Equal(RateLimitHost.Epoch(RateLimitHost.Start.AddSeconds(30)).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("X-RateLimit-Reset"));
        Assert.Equal("\"minute\";q=60;w=60", response.Header("RateLimit-Policy"));
        Assert.Equal("\"minute\";r=59;t=30", response.Header("RateLimit"));
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Ocean_response_lists_both_rules_and_reports_the_daily_one_as_tightest()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock);
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/ocean/probe", key: "key-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("20", response.Header("X-RateLimit-Limit"));
        Assert.Equal("19", response.Header("X-RateLimit-Remaining"));
        var midnight = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(RateLimitHost.Epoch(midnight).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("X-RateLimit-Reset"));
        Assert.Equal("\"day\";q=20;w=86400, \"burst\";q=60;w=60", response.Header("RateLimit-Policy"));
        Assert.Equal("\"day\";r=19;t=43170, \"burst\";r=59;t=1", response.Header("RateLimit"));
    }

    [Fact]
    public async Task Unlimited_route_carries_no_limit_headers()
    {
        await using var factory = RateLimitHost.Create(RateLimitHost.NewClock());
        using var response = await factory.CreateClient().GetAsync("/dojo/probe/open", key: "key-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        Assert.False(response.Headers.Contains("RateLimit"));
    }

    [Fact]
    public async Task A_limited_route_that_fails_still_carries_the_headers()
    {
        await using var factory = RateLimitHost.Create(RateLimitHost.NewClock());
        using var response = await factory.CreateClient().GetAsync("/dojo/probe/fail", key: "key-a");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("59", response.Header("X-RateLimit-Remaining"));
    }
}
