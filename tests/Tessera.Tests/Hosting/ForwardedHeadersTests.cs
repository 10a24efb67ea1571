using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Tests.RateLimits;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>
/// Issue #11 item 5: <c>X-Forwarded-For</c> is believed only from <c>Tessera:KnownProxies</c> / <c>Tessera:KnownNetworks</c>.
/// The per-IP limit of <c>POST /bsap/api/verify/start</c> (set to one request) shows which address a request counts as;
/// <c>X-Test-Ip</c> plays the connection's own address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Limited = "/bsap/api/verify/start";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.5")]
    public async Task Without_a_configured_proxy_spoofed_addresses_share_the_callers_bucket(string peer)
    {
        await using var factory = Factory();
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(client, peer, "203.0.113.1")).StatusCode);
        var second = await StartAsync(client, peer, "203.0.113.2");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Theory]
    [InlineData("Tessera:KnownProxies:0", "10.0.0.5")]
    [InlineData("Tessera:KnownNetworks:0", "10.0.0.0/24")]
    public async Task A_configured_proxy_or_network_is_believed(string setting, string value)
    {
        await using var factory = Factory().With(setting, value);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(client, "10.0.0.5", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(client, "10.0.0.5", "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await StartAsync(client, "10.0.0.5", "203.0.113.2")).StatusCode);
    }

    [Fact]
    public async Task A_peer_outside_the_configured_proxies_is_not_believed()
    {
        await using var factory = Factory().With("Tessera:KnownProxies:0", "10.0.0.5");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(client, "127.0.0.1", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await StartAsync(client, "127.0.0.1", "203.0.113.2")).StatusCode);
    }

    [Fact]
    public async Task A_malformed_network_stops_the_server_at_start()
    {
        await using var factory = Factory().With("Tessera:KnownNetworks:0", "10.0.0.0/99");
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("KnownNetworks", failure.ToString(), StringComparison.Ordinal);
    }

    private static TesseraFactory Factory() => new TesseraFactory()
        .With("Tessera:RateLimits:Policies:bsap-verify:0:Kind", "FixedWindow")
        .With("Tessera:RateLimits:Policies:bsap-verify:0:Limit", "1")
        .With("Tessera:RateLimits:Policies:bsap-verify:0:Window", "01:00:00")
        .With("Tessera:RateLimits:Policies:bsap-verify:0:Partition", "Ip")
        .WithServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, string peer, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Limited);
        request.Headers.Add("X-Test-Ip", peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request, Ct);
    }
}
