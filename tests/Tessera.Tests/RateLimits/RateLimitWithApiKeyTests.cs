using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Accounts;
using Tessera.Hosting;
using Tessera.RateLimits;
using Tessera.Tests.Support;

namespace Tessera.Tests.RateLimits;

/// <summary>Rate limits with the real API-key handler: each key has its own counter, and a 429 wears the surface's shape.</summary>
public sealed class RateLimitWithApiKeyTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory()
        .With("Tessera:RateLimits:Policies:dojo:0:Kind", "FixedWindow")
        .With("Tessera:RateLimits:Policies:dojo:0:Limit", "3")
        .With("Tessera:RateLimits:Policies:dojo:0:Window", "01:00:00")
        .With("Tessera:RateLimits:Policies:dojo:0:Partition", "Key")
        .WithServices(services => services.AddSingleton<IEndpointContributor, LimitedProbe>());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Each_api_key_spends_its_own_counter()
    {
        var admin = _factory.CreateAdminClient();
        var client = _factory.CreateClient();
        var account = await admin.CreateAccountAsync();
        var (_, first) = await admin.CreateKeyAsync(account);
        var (_, second) = await admin.CreateKeyAsync(account);

        for (var i = 0; i < 3; i++)
        {
            var ok = await client.GetWithKeyAsync("/dojo/_probe/limited", first);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var refused = await client.GetWithKeyAsync("/dojo/_probe/limited", first);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal("rate_limit_exceeded", (await refused.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/dojo/_probe/limited", second)).StatusCode);
    }

    private sealed class LimitedProbe : IEndpointContributor
    {
        public void Map(IEndpointRouteBuilder endpoints) =>
            endpoints.MapGet("/dojo/_probe/limited", () => Results.Ok()).RequireKey().RequireRateLimit("dojo");
    }
}
