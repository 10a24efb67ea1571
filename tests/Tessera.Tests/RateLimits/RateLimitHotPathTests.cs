using System.Net;
using Microsoft.AspNetCore.Http;
using Tessera.RateLimits;

namespace Tessera.Tests.RateLimits;

/// <summary>
/// The per-request cost of a limited request that /healthz-class routes pay (issue #12, the 304 aim): header values
/// repeated from one request to the next are reused, not formatted again, and a connection's address partition is made
/// once. Values that change are still written exactly (RateLimitHeaderTests).
/// </summary>
public sealed class RateLimitHotPathTests
{
    private static readonly long Now = new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly RateLimitPolicy Bucket = new("reads",
        [new RateLimitRuleOptions { Kind = RateLimitKind.TokenBucket, Limit = 1_000_000, Window = TimeSpan.FromSeconds(1), Partition = RateLimitPartition.Ip }]);

    private static RateLimitDecision Decision(HttpResponse response, long state) => new(response, Bucket, [state], Now, allowed: true);

    [Fact]
    public void Writing_the_same_limit_headers_again_allocates_nothing()
    {
        var context = new DefaultHttpContext();
        var headers = context.Response.Headers;
        var decision = Decision(context.Response, 999_999_000);
        RateLimitHeaders.Write(headers, decision); // the first write formats and adds the header entries

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RateLimitHeaders.Write(headers, decision);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("1000000", headers["X-RateLimit-Limit"]);
        Assert.Equal("999999", headers["X-RateLimit-Remaining"]);
        Assert.Equal("\"second\";r=999999;t=1", headers["RateLimit"]);
    }

    [Fact]
    public void A_changed_value_is_formatted_anew()
    {
        var context = new DefaultHttpContext();
        RateLimitHeaders.Write(context.Response.Headers, Decision(context.Response, 999_999_000));
        RateLimitHeaders.Write(context.Response.Headers, Decision(context.Response, 5_000));

        Assert.Equal("5", context.Response.Headers["X-RateLimit-Remaining"]);
        Assert.Equal("\"second\";r=5;t=1", context.Response.Headers["RateLimit"]);
    }

    [Fact]
    public void A_connections_address_partition_is_made_once()
    {
        var address = IPAddress.Parse("203.0.113.9");
        var first = new DefaultHttpContext();
        first.Connection.RemoteIpAddress = address;
        var second = new DefaultHttpContext();
        second.Connection.RemoteIpAddress = address;

        var partition = RatePartitioner.For(first, RateLimitPartition.Ip);

        Assert.Equal("ip:203.0.113.9", partition);
        Assert.Same(partition, RatePartitioner.For(second, RateLimitPartition.Ip));
    }
}
