using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Tessera.Hosting;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels.Web;

/// <summary>
/// A Tessera server listening on a free loopback port (a browser needs a real socket, not the test server) on the
/// suite's database (SQLite, or PostgreSQL under TESSERA_TEST_POSTGRES), and Debian's headless Chromium driven by
/// Playwright. Without <c>/usr/bin/chromium</c> nothing starts and every test skips with the reason.
/// </summary>
public sealed class OmpBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _adminKey = "tak_web_" + Guid.NewGuid().ToString("N");
    private TestDatabase? _database;
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string? SkipReason =>
        File.Exists(ChromiumPath) ? null : $"{ChromiumPath} is missing (apt-get install chromium; scripts/test installs it).";

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason);

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _database = TestDatabase.Create();
        BaseUrl = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        List<string> args = ["--urls", BaseUrl, "--data", _database.DataDirectory, "--admin-key", _adminKey, "--Logging:LogLevel:Default", "Warning"];
        if (_database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        _app = TesseraApp.Build([.. args]);
        await _app.StartAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    public HttpClient CreateClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    /// <summary>A new account that owns the rectangle, and a client holding its key.</summary>
    public async Task<(string Account, HttpClient Client)> OwnerAsync(int x, int y, int width, int height)
    {
        using var admin = CreateClient(_adminKey);
        var account = await admin.CreateAccountAsync();
        var (_, key) = await admin.CreateKeyAsync(account);
        var claim = await admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x, y, width, height }, TestContext.Current.CancellationToken);
        claim.EnsureSuccessStatusCode();
        return (account, CreateClient(key));
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
