using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Tessera.Tests.Surfaces.OneMillionPixels.Web;

/// <summary>The promo landing page <c>/omp/p/{public_key}</c> in headless Chromium, fingerprinting with FingerprintJS.</summary>
public sealed class OmpPromoPageTests(OmpBrowserFixture fixture) : IClassFixture<OmpBrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_promo_page_records_one_view_and_a_second_visit_from_the_same_browser_is_not_counted_again()
    {
        var (privateKey, publicKey) = await CreateAgentAsync();
        var page = await NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/omp/p/{publicKey}");

        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "counted");
        await Expect(page.Locator("#to-canvas")).ToHaveAttributeAsync("href", "../");
        var stats = await StatsAsync(privateKey);
        Assert.Equal(1, stats.GetProperty("unique_views").GetInt64());
        Assert.Equal(1, stats.GetProperty("views").GetInt64());

        await page.ReloadAsync();

        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "not-counted");
        await Expect(page.Locator("#result")).ToContainTextAsync("already counted");
        stats = await StatsAsync(privateKey);
        Assert.Equal(1, stats.GetProperty("unique_views").GetInt64());
        Assert.Equal(2, stats.GetProperty("views").GetInt64());

        await page.Locator("#to-canvas").ClickAsync();
        await page.WaitForURLAsync($"{fixture.BaseUrl}/omp/");
    }

    [Fact]
    public async Task An_unknown_promo_code_says_so_and_records_nothing()
    {
        var page = await NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/omp/p/no-such-key");

        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "error");
        await Expect(page.Locator("#result")).ToContainTextAsync("unknown");
    }

    private async Task<Microsoft.Playwright.IPage> NewPageAsync()
    {
        if (OmpBrowserFixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var context = await fixture.Browser.NewContextAsync();
        return await context.NewPageAsync();
    }

    private async Task<(string PrivateKey, string PublicKey)> CreateAgentAsync()
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsJsonAsync("/omp/api/agent", new { fingerprint = "agent-" + Guid.NewGuid().ToString("N") }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agent = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (agent.GetProperty("private_key").GetString()!, agent.GetProperty("public_key").GetString()!);
    }

    private async Task<JsonElement> StatsAsync(string privateKey)
    {
        using var client = fixture.CreateClient(privateKey);
        var response = await client.GetAsync("/omp/api/agent/stats", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
