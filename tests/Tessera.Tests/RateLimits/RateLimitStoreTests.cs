using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tessera.RateLimits;

namespace Tessera.Tests.RateLimits;

/// <summary>The stores on their own: atomic under contention, equal to each other, and the memory store forgets what no longer matters.</summary>
public sealed class RateLimitStoreTests
{
    private static readonly long Now = new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly RateLimitPolicy Combined = new("combined",
    [
        new RateLimitRuleOptions { Kind = RateLimitKind.FixedWindow, Limit = 50, Window = TimeSpan.FromMinutes(1) },
        new RateLimitRuleOptions { Kind = RateLimitKind.TokenBucket, Limit = 40, Window = TimeSpan.FromSeconds(10) },
    ]);

    [Fact]
    public async Task Memory_store_allows_exactly_the_limit_under_contention() =>
        Assert.Equal(40, await CountAllowedInParallelAsync(new MemoryRateLimitStore()));

    [Fact]
    public async Task Redis_store_allows_exactly_the_limit_under_contention()
    {
        await using var store = Redis(RedisTestServer.Require());
        Assert.Equal(40, await CountAllowedInParallelAsync(store));
    }

    [Fact]
    public async Task Memory_and_redis_stores_agree_on_a_random_sequence()
    {
        await using var redis = Redis(RedisTestServer.Require());
        var memory = new MemoryRateLimitStore();
        var random = new Random(20260301);
        var now = Now;
        var partitions = new[] { "k:a", "k:a" };
        for (var step = 0; step < 300; step++)
        {
            now += random.Next(0, 700);
            var memoryStates = new long[2];
            var redisStates = new long[2];
            var memoryAllowed = await memory.AcquireAsync(Combined, partitions, now, memoryStates, TestContext.Current.CancellationToken);
            var redisAllowed = await redis.AcquireAsync(Combined, partitions, now, redisStates, TestContext.Current.CancellationToken);
            Assert.Equal(memoryAllowed, redisAllowed);
            Assert.Equal(memoryStates, redisStates);
        }
    }

    [Fact]
    public async Task Memory_store_release_gives_back_the_unit_spent_in_the_current_window_and_bucket()
    {
        var store = new MemoryRateLimitStore();
        Assert.Equal((1, 39_000), await AcquireReleaseAcquireAsync(store));
    }

    [Fact]
    public async Task Redis_store_release_gives_back_the_unit_like_the_memory_store()
    {
        await using var store = Redis(RedisTestServer.Require());
        Assert.Equal((1, 39_000), await AcquireReleaseAcquireAsync(store));
    }

    /// <summary>Acquire, release, acquire again on one fresh partition: the states after the second acquire.</summary>
    private static async Task<(long Count, long MilliTokens)> AcquireReleaseAcquireAsync(IRateLimitStore store)
    {
        var partitions = new[] { "release:" + Guid.NewGuid().ToString("N"), "release:b" + Guid.NewGuid().ToString("N") };
        var states = new long[2];
        Assert.True(await store.AcquireAsync(Combined, partitions, Now, states, TestContext.Current.CancellationToken));
        await store.ReleaseAsync(Combined, partitions, Now, Now, TestContext.Current.CancellationToken);
        Assert.True(await store.AcquireAsync(Combined, partitions, Now, states, TestContext.Current.CancellationToken));
        return (states[0], states[1]);
    }

    [Fact]
    public async Task Memory_store_sweeps_entries_once_their_window_is_over_and_bucket_full()
    {
        var store = new MemoryRateLimitStore();
        var states = new long[2];
        for (var i = 0; i < 10; i++)
        {
            await store.AcquireAsync(Combined, ["k:" + i, "k:" + i], Now, states, TestContext.Current.CancellationToken);
        }

        Assert.Equal(20, store.Count);

        // A bucket that spent one token of 40 per 10 s is full again after 250 ms; the minute window lasts until 12:01.
        store.Sweep(Now + 1_000);
        Assert.Equal(10, store.Count);
        store.Sweep(Now + 30_000);
        Assert.Equal(0, store.Count);

        // A swept partition starts afresh.
        Assert.True(await store.AcquireAsync(Combined, ["k:0", "k:0"], Now + 30_000, states, TestContext.Current.CancellationToken));
        Assert.Equal([1L, 39_000L], states);
    }

    private static async Task<int> CountAllowedInParallelAsync(IRateLimitStore store)
    {
        var partitions = new[] { "k:" + Guid.NewGuid().ToString("N"), "k:shared-bucket" + Guid.NewGuid().ToString("N") };
        var attempts = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
            await store.AcquireAsync(Combined, partitions, Now, new long[2], TestContext.Current.CancellationToken)));
        var results = await Task.WhenAll(attempts);
        return results.Count(allowed => allowed);
    }

    private static RedisRateLimitStore Redis(string configuration) => new(
        Options.Create(new RateLimitOptions { KeyPrefix = RedisTestServer.UniquePrefix() }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RedisRateLimitStore.ConfigurationKey] = configuration }).Build());
}
