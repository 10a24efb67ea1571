using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.RateLimits;

/// <summary>Two Tessera nodes on one Redis share their counters.</summary>
public sealed class RedisRateLimitTests
{
    private const string Path = "/dojo/probe/test";

    [Fact]
    public async Task Two_nodes_share_a_fixed_window_through_redis()
    {
        var redis = RedisTestServer.Require();
        var prefix = RedisTestServer.UniquePrefix();
        var clock = RateLimitHost.NewClock();
        await using var nodeA = Node(clock, redis, prefix).Rule(0, "FixedWindow", 3, "00:01:00");
        await using var nodeB = Node(clock, redis, prefix).Rule(0, "FixedWindow", 3, "00:01:00");
        var clientA = nodeA.CreateClient();
        var clientB = nodeB.CreateClient();

        await clientA.SpendAsync(1, Path, key: "key-a");
        using (var second = await clientB.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal("1", second.Header("X-RateLimit-Remaining"));
        }

        await clientA.SpendAsync(1, Path, key: "key-a");
        using (var fourth = await clientB.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
            Assert.Equal("30", fourth.Header("Retry-After"));
        }

        await clientB.SpendAsync(3, Path, key: "key-b");

        clock.Advance(TimeSpan.FromSeconds(30));
        await clientB.SpendAsync(1, Path, key: "key-a");
    }

    [Fact]
    public async Task Two_nodes_share_the_ocean_day_and_burst_policy_through_redis()
    {
        var redis = RedisTestServer.Require();
        var prefix = RedisTestServer.UniquePrefix();
        var clock = RateLimitHost.NewClock();
        await using var nodeA = Node(clock, redis, prefix)
            .Rule(0, "FixedWindow", 5, "1.00:00:00").Rule(1, "TokenBucket", 2, "00:01:00");
        await using var nodeB = Node(clock, redis, prefix)
            .Rule(0, "FixedWindow", 5, "1.00:00:00").Rule(1, "TokenBucket", 2, "00:01:00");
        var clientA = nodeA.CreateClient();
        var clientB = nodeB.CreateClient();

        await clientA.SpendAsync(1, Path, key: "key-a");
        await clientB.SpendAsync(1, Path, key: "key-a");
        using (var burst = await clientA.GetAsync(Path, key: "key-a"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, burst.StatusCode);
            Assert.Equal("30", burst.Header("Retry-After"));
            Assert.Equal("\"day\";r=3;t=43170, \"minute\";r=0;t=60", burst.Header("RateLimit"));
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        using var refilled = await clientB.GetAsync(Path, key: "key-a");
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
        Assert.Equal("\"day\";r=2;t=43140, \"minute\";r=0;t=60", refilled.Header("RateLimit"));
    }

    private static TesseraFactory Node(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, string redis, string prefix) =>
        RateLimitHost.Create(clock)
            .With("Tessera:RateLimits:Store", "redis")
            .With("Tessera:RateLimits:KeyPrefix", prefix)
            .With("Tessera:Redis:Configuration", redis);
}
