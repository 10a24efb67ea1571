using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.BillionSatoshi.Web;

/// <summary>
/// The browser test server (<see cref="BrowserServerFixture"/>) for <c>/bsap</c>: open verification mode (no token),
/// the dev wallet (the default backend: the operator pays invoices), and room for more than the seed's 5 placements
/// per IP per hour (the page and the seeding both come from 127.0.0.1).
/// </summary>
public sealed class BsapBrowserFixture : BrowserServerFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IEnumerable<string> ServerArgs =>
    [
        "--Tessera:Verification:Mode", "open",
        "--Tessera:RateLimits:Policies:bsap-placements:0:Kind", "FixedWindow",
        "--Tessera:RateLimits:Policies:bsap-placements:0:Limit", "1000",
        "--Tessera:RateLimits:Policies:bsap-placements:0:Window", "01:00:00",
        "--Tessera:RateLimits:Policies:bsap-placements:0:Partition", "Ip",
    ];

    /// <summary>Reserves a square over the API (<c>?flow=invoice</c>), pays it with the dev wallet and waits until it is active: its id.</summary>
    public async Task<string> PlaceAsync(int x, int y, int size, (byte R, byte G, byte B) color, string? url = null, string? message = null)
    {
        using var client = CreateClient();
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(PlacementHost.Png(color.R, color.G, color.B)), "image", "image.png" },
            { new StringContent(x.ToString(CultureInfo.InvariantCulture)), "x" },
            { new StringContent(y.ToString(CultureInfo.InvariantCulture)), "y" },
            { new StringContent(size.ToString(CultureInfo.InvariantCulture)), "size" },
        };
        if (url is not null)
        {
            form.Add(new StringContent(url), "url");
        }

        if (message is not null)
        {
            form.Add(new StringContent(message), "message");
        }

        var response = await client.PostAsync("/bsap/api/placements?flow=invoice", form, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("1000", response.Headers.TryGetValues("X-RateLimit-Limit", out var limit) ? limit.First() : null);
        var pending = await response.ReadJsonAsync();
        var id = pending.GetProperty("id").GetString()!;
        await PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!);
        await WaitForStatusAsync(id, "active");
        return id;
    }

    /// <summary>Pays an invoice through the operator's dev wallet route.</summary>
    public async Task PayAsync(string invoice)
    {
        using var admin = CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/admin/v1/lightning/pay", new { invoice }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<JsonElement> StatusAsync(string id)
    {
        using var client = CreateClient();
        var response = await client.GetAsync($"/bsap/api/placements/{id}/status", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task WaitForStatusAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await StatusAsync(id)).GetProperty("status").GetString() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} did not become {status}");
            await Task.Delay(100, Ct);
        }
    }
}
