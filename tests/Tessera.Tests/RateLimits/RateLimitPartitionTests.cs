using System.Net;
using Tessera.RateLimits;

namespace Tessera.Tests.RateLimits;

public sealed class RateLimitPartitionTests
{
    private const string Path = "/dojo/probe/test";

    [Fact]
    public async Task Bsap_placements_allow_five_per_hour_per_ip_whatever_the_key()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock);
        var client = factory.CreateClient();
        await client.SpendAsync(5, "/bsap/probe", key: "key-a", ip: "203.0.113.7");

        using (var sameIpOtherKey = await client.GetAsync("/bsap/probe", key: "key-b", ip: "203.0.113.7"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, sameIpOtherKey.StatusCode);
            Assert.Equal("\"hour\";q=5;w=3600", sameIpOtherKey.Header("RateLimit-Policy"));
        }

        await client.SpendAsync(5, "/bsap/probe", key: "key-a", ip: "203.0.113.8");
    }

    [Fact]
    public async Task Separate_keys_get_separate_counters_and_anonymous_requests_count_per_ip()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock).Rule(0, "FixedWindow", 1, "00:01:00");
        var client = factory.CreateClient();

        await client.SpendAsync(1, Path, key: "key-a", ip: "198.51.100.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(Path, key: "key-a", ip: "198.51.100.2")).StatusCode);
        await client.SpendAsync(1, Path, key: "key-b", ip: "198.51.100.1");

        await client.SpendAsync(1, Path, ip: "198.51.100.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(Path, ip: "198.51.100.1")).StatusCode);
        await client.SpendAsync(1, Path, ip: "198.51.100.2");
    }

    [Fact]
    public async Task Account_partition_is_shared_by_every_key_of_the_account()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock).Rule(0, "FixedWindow", 1, "00:01:00", partition: "Account");
        var client = factory.CreateClient();

        using (var first = await client.GetAsync(Path, key: "key-a", account: "acct-1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await client.GetAsync(Path, key: "key-b", account: "acct-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Client_addresses_partition_ipv4_by_address_and_ipv6_by_its_64(string address, string partition) =>
        Assert.Equal(partition, RatePartitioner.ClientAddress(System.Net.IPAddress.Parse(address)));
}
