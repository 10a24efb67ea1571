using System.Net;

namespace Tessera.Tests.RateLimits;

public sealed class RateLimitRuleTests
{
    private const string Path = "/dojo/probe/test";

    [Fact]
    public async Task Fixed_window_resets_at_the_window_boundary()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock).Rule(0, "FixedWindow", 2, "00:01:00");
        var client = factory.CreateClient();
        await client.SpendAsync(2, Path, key: "key-a");

        using (var rejected = await client.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
            Assert.Equal("30", rejected.Header("Retry-After"));
        }

        clock.Advance(TimeSpan.FromSeconds(29));
        using (var stillRejected = await client.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillRejected.StatusCode);
            Assert.Equal("1", stillRejected.Header("Retry-After"));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var allowed = await client.GetAsync(Path, key: "key-a");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("1", allowed.Header("X-RateLimit-Remaining"));
        Assert.Equal("\"minute\";r=1;t=60", allowed.Header("RateLimit"));
    }

    [Fact]
    public async Task Token_bucket_refills_one_token_every_window_over_limit()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock).Rule(0, "TokenBucket", 3, "00:00:30");
        var client = factory.CreateClient();
        await client.SpendAsync(3, Path, key: "key-a");

        using (var empty = await client.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, empty.StatusCode);
            Assert.Equal("10", empty.Header("Retry-After"));
            Assert.Equal("\"30s\";r=0;t=30", empty.Header("RateLimit"));
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        using (var halfway = await client.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, halfway.StatusCode);
            Assert.Equal("5", halfway.Header("Retry-After"));
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        await client.SpendAsync(1, Path, key: "key-a");
        using (var again = await client.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        }

        // A bucket idle for a whole window is full again, never fuller.
        clock.Advance(TimeSpan.FromMinutes(5));
        await client.SpendAsync(3, Path, key: "key-a");
        using var overfull = await client.GetAsync(Path, key: "key-a");
        Assert.Equal(HttpStatusCode.TooManyRequests, overfull.StatusCode);
    }

    [Fact]
    public async Task Combined_day_and_burst_policy_rejects_on_either_and_a_rejection_spends_nothing()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock)
            .Rule(0, "FixedWindow", 5, "1.00:00:00")
            .Rule(1, "TokenBucket", 2, "00:01:00");
        var client = factory.CreateClient();
        await client.SpendAsync(2, Path, key: "key-a");

        using (var burst = await client.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, burst.StatusCode);
            Assert.Equal("30", burst.Header("Retry-After"));
            Assert.Equal("\"day\";r=3;t=43170, \"minute\";r=0;t=60", burst.Header("RateLimit"));
        }

        // The burst rejection did not count against the day: three more fit once the bucket refills.
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.SpendAsync(1, Path, key: "key-a");
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.SpendAsync(2, Path, key: "key-a");
        clock.Advance(TimeSpan.FromMinutes(1));

        using var daily = await client.GetAsync(Path, key: "key-a");
        Assert.Equal(HttpStatusCode.TooManyRequests, daily.StatusCode);
        Assert.Equal("5", daily.Header("X-RateLimit-Limit"));
        Assert.Equal("0", daily.Header("X-RateLimit-Remaining"));
        Assert.Equal((43170 - 150).ToString(System.Globalization.CultureInfo.InvariantCulture), daily.Header("Retry-After"));
    }
}
