using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Hosting;
using Tessera.Tests.Support;

namespace Tessera.Tests.RateLimits;

/// <summary>A Tessera host with the probe routes, test authentication and a fake clock; helpers to configure rules and send requests.</summary>
internal static class RateLimitHost
{
    /// <summary>30 seconds into a minute, 12 hours into a day: every window's reset is a round, checkable number.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 30, TimeSpan.Zero);

    public static FakeTimeProvider NewClock() => new(Start);

    public static TesseraFactory Create(FakeTimeProvider clock) => new TesseraFactory().WithServices(services =>
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IEndpointContributor, RateLimitProbe>();
        services.AddTestKeyAuthentication();
    });

    public static TesseraFactory Rule(this TesseraFactory factory, int index, string kind, int limit, string window, string partition = "Key", string policy = RateLimitProbe.TestPolicy)
    {
        var prefix = $"Tessera:RateLimits:Policies:{policy}:{index.ToString(CultureInfo.InvariantCulture)}:";
        return factory.With(prefix + "Kind", kind)
            .With(prefix + "Limit", limit.ToString(CultureInfo.InvariantCulture))
            .With(prefix + "Window", window)
            .With(prefix + "Partition", partition);
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? key = null, string? ip = null, string? account = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Test-Key", key);
        }

        if (account is not null)
        {
            request.Headers.Add("X-Test-Account", account);
        }

        if (key is not null || account is not null)
        {
            // The server runs authentication only for requests that present a key (Accounts/PresentedKey.MayBePresent);
            // the test scheme reads its own headers, so the request also carries a placeholder key header.
            request.Headers.Add("X-API-Key", "test");
        }

        request.Headers.Add("X-Test-Ip", ip ?? "198.51.100.1");
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends <paramref name="count"/> requests and asserts each one is allowed.</summary>
    public static async Task SpendAsync(this HttpClient client, int count, string path, string? key = null, string? ip = null)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path, key, ip);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No {name} header on {(int)response.StatusCode}.");

    public static long Epoch(DateTimeOffset at) => at.ToUnixTimeSeconds();
}
