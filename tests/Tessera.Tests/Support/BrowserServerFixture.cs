using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Tessera.Hosting;

namespace Tessera.Tests.Support;

/// <summary>
/// A Tessera server listening on a free loopback port (a browser needs a real socket, not the test server) on the
/// suite's database (SQLite, or PostgreSQL under TESSERA_TEST_POSTGRES), and Debian's headless Chromium driven by
/// Playwright (Playwright's own browser download is never used). Without <c>/usr/bin/chromium</c> nothing starts and
/// every test skips with <see cref="SkipReason"/>. A page's fixture derives from this and adds its settings.
/// </summary>
public abstract class BrowserServerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private TestDatabase? _database;
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string? SkipReason =>
        File.Exists(ChromiumPath) ? null : $"{ChromiumPath} is missing (apt-get install chromium; scripts/test installs it).";

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason);

    /// <summary>The operator key the server is started with.</summary>
    protected string AdminKey { get; } = "tak_web_" + Guid.NewGuid().ToString("N");

    /// <summary>More command-line settings for the server (<c>--Tessera:Section:Key value</c> pairs).</summary>
    protected virtual IEnumerable<string> ServerArgs => [];

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _database = TestDatabase.Create();
        BaseUrl = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        List<string> args = ["--urls", BaseUrl, "--data", _database.DataDirectory, "--admin-key", AdminKey, "--Logging:LogLevel:Default", "Warning"];
        if (_database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        args.AddRange(ServerArgs);
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

    /// <summary>A client that sends the operator key.</summary>
    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

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

        GC.SuppressFinalize(this);
    }
}
