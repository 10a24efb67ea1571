using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tessera.Benchmarks.Http;

/// <summary>
/// A <c>tessera serve</c> child process on loopback with a fresh data directory (embedded mode), so its figures
/// (throughput, RSS) are the server's alone, not shared with the load generator.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";

    private readonly Process _process;
    private readonly string _data;

    private ServerUnderTest(Process process, string data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The server's data directory (its SQLite file is <c>tessera.db</c> there), for benchmarks that seed it directly.</summary>
    public string DataDirectory => _data;

    /// <summary>Starts the server; each of <paramref name="settings"/> is a configuration override <c>Key=Value</c>.</summary>
    public static async Task<ServerUnderTest> StartAsync(int port, params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "tessera-bench-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Tessera.Cli.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data, "--admin-key", AdminKey, "--Logging:LogLevel:Default=Warning" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var setting in settings)
        {
            start.ArgumentList.Add("--" + setting);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerUnderTest(process, data, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Settings that lift Pixels Ocean's per-key media burst, for load generated from one key.</summary>
    public static string[] UnlimitedOcean { get; } = [.. Bucket("ocean-burst", "Key"), .. Bucket("ocean-gallery", "Ip")];

    /// <summary>An account and a key for it (no grants).</summary>
    public async Task<(string AccountId, string Key)> UserAsync(string name = "bench")
    {
        using var admin = new HttpClient { BaseAddress = Address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var account = (await (await admin.PostAsJsonAsync("/admin/v1/accounts", new { name })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var key = (await (await admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/keys", new { name })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        return (account, key);
    }

    /// <summary>Settings that lift One Million Pixels' per-key write and per-IP read limits, for load generated from one key and one address.</summary>
    public static string[] UnlimitedOmp { get; } =
    [
        .. Bucket("omp-writes", "Key"),
        .. Bucket("omp-reads", "Ip"),
    ];

    /// <summary>The server's process id (for /proc sampling).</summary>
    public int ProcessId => _process.Id;

    private static string[] Bucket(string policy, string partition) =>
    [
        $"Tessera:RateLimits:Policies:{policy}:0:Kind=TokenBucket",
        $"Tessera:RateLimits:Policies:{policy}:0:Limit=1000000",
        $"Tessera:RateLimits:Policies:{policy}:0:Window=00:00:01",
        $"Tessera:RateLimits:Policies:{policy}:0:Partition={partition}",
    ];

    /// <summary>Resident memory of the server process, from /proc.</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>An account with a key that owns the whole omp canvas.</summary>
    public async Task<string> CanvasOwnerKeyAsync()
    {
        using var admin = new HttpClient { BaseAddress = Address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var account = (await (await admin.PostAsJsonAsync("/admin/v1/accounts", new { name = "bench" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var key = (await (await admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/keys", new { name = "bench" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        (await admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x = 0, y = 0, width = 1000, height = 1000 })).EnsureSuccessStatusCode();
        return key;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
