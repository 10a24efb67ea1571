namespace Tessera.Tests.RateLimits;

/// <summary>The Redis the shared-counter tests use: <c>TESSERA_TEST_REDIS</c> (e.g. <c>127.0.0.1:6379</c>); without it they are skipped, never passed.</summary>
internal static class RedisTestServer
{
    public const string Variable = "TESSERA_TEST_REDIS";

    public static string Require()
    {
        var configuration = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(configuration), $"{Variable} is not set; start Redis (scripts/services start) and set it to run the shared-counter tests.");
        return configuration!;
    }

    /// <summary>A key prefix no other test or run shares, so counters never collide.</summary>
    public static string UniquePrefix() => "tessera-test:" + Guid.NewGuid().ToString("N");
}
