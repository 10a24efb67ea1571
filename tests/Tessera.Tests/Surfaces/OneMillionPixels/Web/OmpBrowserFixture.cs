using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels.Web;

/// <summary>The browser test server (<see cref="BrowserServerFixture"/>) for <c>/omp</c>, and the operator's claims.</summary>
public sealed class OmpBrowserFixture : BrowserServerFixture
{
    /// <summary>A new account that owns the rectangle, and a client holding its key.</summary>
    public async Task<(string Account, HttpClient Client)> OwnerAsync(int x, int y, int width, int height)
    {
        using var admin = CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (_, key) = await admin.CreateKeyAsync(account);
        var claim = await admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x, y, width, height }, TestContext.Current.CancellationToken);
        claim.EnsureSuccessStatusCode();
        return (account, CreateClient(key));
    }
}
