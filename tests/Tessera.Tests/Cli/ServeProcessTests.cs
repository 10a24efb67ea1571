using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tessera.Tests.Support;

namespace Tessera.Tests.Cli;

/// <summary><c>tessera serve</c> as a real process: options, the generated operator key, health, graceful shutdown.</summary>
public sealed class ServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_prints_a_generated_operator_key_once_answers_health_and_stops_on_sigterm()
    {
        await using var database = TestDatabase.Create();

        var first = await ServeAsync(database);
        var key = first.Output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("tak_", StringComparison.Ordinal));
        Assert.NotNull(key);
        Assert.Equal(0, first.ExitCode);

        var second = await ServeAsync(database, check: async client =>
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var accounts = await client.GetAsync("/admin/v1/accounts", Ct);
            Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        });
        Assert.DoesNotContain("tak_", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
    }

    [Fact]
    public async Task Serve_reads_its_options_from_a_config_file()
    {
        await using var database = TestDatabase.Create();
        var port = FreePort();
        var config = Path.Combine(database.DataDirectory, "tessera.json");
        var connection = database.ConnectionString is { } cs ? $", \"Database\": \"{cs}\"" : "";
        await File.WriteAllTextAsync(config, $$"""
            { "urls": "http://127.0.0.1:{{port}}", "Tessera": { "Data": "{{database.DataDirectory}}", "AdminKey": "from-config"{{connection}} } }
            """, Ct);

        var run = await ServeAsync(port, ["--config", config], async client =>
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", "from-config");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/v1/accounts", Ct)).StatusCode);
        });
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(database.DataDirectory, "tessera.db")) || database.IsPostgres);
    }

    private static Task<(string Output, int ExitCode)> ServeAsync(TestDatabase database, Func<HttpClient, Task>? check = null)
    {
        var port = FreePort();
        List<string> args = ["--urls", $"http://127.0.0.1:{port}", "--data", database.DataDirectory];
        if (database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        return ServeAsync(port, args, check);
    }

    private static async Task<(string Output, int ExitCode)> ServeAsync(int port, IEnumerable<string> args, Func<HttpClient, Task>? check)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Tessera.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "serve" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("TESSERA_ADMIN_KEY");
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await client.GetAsync("/readyz", Ct)).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(100, Ct);
                }
            }

            if (check is not null)
            {
                await check(client);
            }

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync(Ct);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            lock (output)
            {
                return (output.ToString(), process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
