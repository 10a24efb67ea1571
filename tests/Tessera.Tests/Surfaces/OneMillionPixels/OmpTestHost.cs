using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>An account that owns a rectangle of the omp canvas, and a client holding its key.</summary>
public static class OmpTestHost
{
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
