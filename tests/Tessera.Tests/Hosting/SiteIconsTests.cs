using System.Net;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>The site icon and manifest: every page load asks for them, and a 404 is a console error in the browser.</summary>
public sealed class SiteIconsTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("/omp")]
    [InlineData("/bsap")]
    public async Task The_favicon_is_a_real_icon_at_the_root_and_under_each_page(string pathBase)
    {
        var response = await _factory.CreateClient().GetAsync($"{pathBase}/favicon.ico", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var icon = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]); // ICONDIR: reserved 0, type 1 (icon)
        Assert.True(BitConverter.ToUInt16(icon, 4) >= 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/omp")]
    [InlineData("/bsap")]
    public async Task The_web_app_manifest_is_served_with_relative_urls(string pathBase)
    {
        var response = await _factory.CreateClient().GetAsync($"{pathBase}/site.webmanifest", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("./", manifest.RootElement.GetProperty("start_url").GetString());
        Assert.Equal("favicon.ico", manifest.RootElement.GetProperty("icons")[0].GetProperty("src").GetString());
    }

    [Theory]
    [InlineData("/omp/", "favicon.ico")]
    [InlineData("/bsap/", "favicon.ico")]
    [InlineData("/omp/p/somekey", "../favicon.ico")]
    public async Task Every_page_links_the_icon_and_the_manifest_in_its_head(string page, string iconHref)
    {
        var html = await _factory.CreateClient().GetStringAsync(page, Ct);
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];

        Assert.Contains($"<link rel=\"icon\" href=\"{iconHref}\"", head, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"manifest\" href=\"{iconHref.Replace("favicon.ico", "site.webmanifest", StringComparison.Ordinal)}\"", head, StringComparison.Ordinal);
    }
}
