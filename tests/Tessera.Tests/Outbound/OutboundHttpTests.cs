using System.Net;
using Microsoft.AspNetCore.Http;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Tests.Outbound;

public sealed class OutboundHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:{port}/")]
    [InlineData("http://localhost:{port}/")]
    [InlineData("http://[::1]:{port}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task Loopback_private_and_metadata_addresses_are_refused_before_connecting(string template)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        using var host = new OutboundTestHost(allowPrivateNetworks: false);

        var result = await host.Http.SendAsync(Get(template.Replace("{port}", receiver.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), cancellationToken: Ct);

        AssertError(OutboundErrors.BlockedAddressCode, result);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file")]
    public async Task Schemes_other_than_http_are_refused(string url)
    {
        using var host = new OutboundTestHost(allowPrivateNetworks: true);

        AssertError(OutboundErrors.BadSchemeCode, await host.Http.SendAsync(Get(url), cancellationToken: Ct));
    }

    [Fact]
    public async Task With_private_networks_allowed_a_local_receiver_answers()
    {
        await using var receiver = await LocalReceiver.StartAsync(201, "hello");
        using var host = new OutboundTestHost(allowPrivateNetworks: true);

        var result = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new StringContent("{}") }, cancellationToken: Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(201, result.Value.StatusCode);
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(result.Value.Body));
        Assert.Equal("{}", Assert.Single(receiver.Requests).Body);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_host_to_loopback_is_refused()
    {
        await using var loopback = await LocalReceiver.StartAsync();
        await using var allowed = await LocalReceiver.StartAsync(Redirect(request =>
            request.PathAndQuery == "/same-host" ? "/landed" : request.PathAndQuery == "/landed" ? null : loopback.Url + "secret"));
        using var host = new OutboundTestHost(allowPrivateNetworks: false);
        host.Policy.TreatAsPublicForTests(allowed.EndPoint);

        // The seam works: the allowed server is reached and a redirect within it is followed.
        var followed = await host.Http.SendAsync(Get(allowed.Url + "same-host"), cancellationToken: Ct);
        Assert.True(followed.IsSuccess, followed.Error?.Message);
        Assert.Equal(new Uri(allowed.Url, "/landed"), followed.Value.Url);

        var result = await host.Http.SendAsync(Get(allowed.Url + "elsewhere"), cancellationToken: Ct);

        AssertError(OutboundErrors.BlockedAddressCode, result);
        Assert.Contains(allowed.Requests, request => request.PathAndQuery == "/elsewhere");
        Assert.Empty(loopback.Requests);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var server = await LocalReceiver.StartAsync(Redirect(_ => "file:///etc/passwd"));
        using var host = new OutboundTestHost(allowPrivateNetworks: true);

        AssertError(OutboundErrors.BadSchemeCode, await host.Http.SendAsync(Get(server.Url.ToString()), cancellationToken: Ct));
    }

    [Fact]
    public async Task At_most_five_redirects_are_followed()
    {
        await using var server = await LocalReceiver.StartAsync(Redirect(request =>
        {
            var hop = int.Parse(request.PathAndQuery.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
            return hop < 5 ? "/" + (hop + 1) : hop == 5 ? null : "/" + (hop + 1);
        }));
        using var host = new OutboundTestHost(allowPrivateNetworks: true);

        var five = await host.Http.SendAsync(Get(server.Url + "0"), cancellationToken: Ct);
        Assert.True(five.IsSuccess, five.Error?.Message);
        Assert.Equal("/5", five.Value.Url.AbsolutePath);

        AssertError(OutboundErrors.TooManyRedirectsCode, await host.Http.SendAsync(Get(server.Url + "6"), new OutboundLimits { MaxRedirects = 5 }, Ct));
        AssertError(OutboundErrors.TooManyRedirectsCode, await host.Http.SendAsync(Get(server.Url + "3"), new OutboundLimits { MaxRedirects = 1 }, Ct));
    }

    [Fact]
    public async Task A_redirect_is_returned_as_it_is_when_not_followed()
    {
        await using var server = await LocalReceiver.StartAsync(Redirect(_ => "/elsewhere"));
        using var host = new OutboundTestHost(allowPrivateNetworks: true);

        var result = await host.Http.SendAsync(Get(server.Url.ToString()), new OutboundLimits { FollowRedirects = false }, Ct);

        Assert.Equal(302, result.Value.StatusCode);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_beyond_the_size_limit_fails(bool withContentLength)
    {
        await using var server = await LocalReceiver.StartAsync(async (context, _) =>
        {
            if (withContentLength)
            {
                context.Response.ContentLength = 3000;
            }

            for (var i = 0; i < 3; i++)
            {
                await context.Response.WriteAsync(new string('x', 1000));
                await context.Response.Body.FlushAsync();
            }
        });
        using var host = new OutboundTestHost(allowPrivateNetworks: true, ("MaxResponseBytes", "2500"));

        AssertError(OutboundErrors.TooLargeCode, await host.Http.SendAsync(Get(server.Url.ToString()), cancellationToken: Ct));
        var enough = await host.Http.SendAsync(Get(server.Url.ToString()), new OutboundLimits { MaxResponseBytes = 3000 }, Ct);
        Assert.Equal(3000, enough.Value.Body.Length);
    }

    [Fact]
    public async Task A_response_slower_than_the_time_limit_fails()
    {
        await using var server = await LocalReceiver.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await context.Response.WriteAsync("late");
        });
        using var host = new OutboundTestHost(allowPrivateNetworks: true, ("Timeout", "00:00:00.300"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        AssertError(OutboundErrors.TimeoutCode, await host.Http.SendAsync(Get(server.Url.ToString()), cancellationToken: Ct));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        int port;
        await using (var server = await LocalReceiver.StartAsync())
        {
            port = server.Url.Port;
        }

        using var host = new OutboundTestHost(allowPrivateNetworks: true);

        AssertError(OutboundErrors.UnreachableCode, await host.Http.SendAsync(Get($"http://127.0.0.1:{port}/"), cancellationToken: Ct));
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static Func<HttpContext, ReceivedRequest, Task> Redirect(Func<ReceivedRequest, string?> location) => (context, request) =>
    {
        if (location(request) is { } target)
        {
            context.Response.StatusCode = (int)HttpStatusCode.Found;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        }

        return context.Response.WriteAsync("landed");
    };

    private static void AssertError(string code, Result<OutboundResponse> result)
    {
        Assert.False(result.IsSuccess, $"expected {code}, got HTTP {(result.IsSuccess ? result.Value.StatusCode : 0)}");
        Assert.Equal(code, result.Error.Code);
    }
}
