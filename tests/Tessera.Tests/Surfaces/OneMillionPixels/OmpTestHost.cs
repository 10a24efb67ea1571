using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>An account that owns a rectangle of the omp canvas, and a client holding its key.</summary>
public static class OmpTestHost
{
    /// <summary>Replaces a built-in rate-limit policy with one token bucket (tests that write or read more than the defaults allow).</summary>
    public static TesseraFactory WithBucket(this TesseraFactory factory, string policy, int limit, string window, string partition) => factory
        .With($"Tessera:RateLimits:Policies:{policy}:0:Kind", "TokenBucket")
        .With($"Tessera:RateLimits:Policies:{policy}:0:Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With($"Tessera:RateLimits:Policies:{policy}:0:Window", window)
        .With($"Tessera:RateLimits:Policies:{policy}:0:Partition", partition);

    /// <summary>Writes far above the default per-key rate (for tests that paint a long history).</summary>
    public static TesseraFactory WithManyWrites(this TesseraFactory factory) => factory.WithBucket("omp-writes", 100_000, "00:00:01", "Key");

    public static async Task<(string Account, HttpClient Client)> OwnerAsync(TesseraFactory factory, int x, int y, int width, int height)
    {
        var admin = factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (_, key) = await admin.CreateKeyAsync(account);
        var claim = await admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x, y, width, height }, TestContext.Current.CancellationToken);
        claim.EnsureSuccessStatusCode();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return (account, client);
    }
}
