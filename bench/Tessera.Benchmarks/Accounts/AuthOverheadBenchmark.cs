using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Accounts;
using Tessera.Benchmarks.Http;
using Tessera.Hosting;

namespace Tessera.Benchmarks.Accounts;

/// <summary>
/// The cost of the API-key check over HTTP on loopback: requests/s of an authenticated no-op route against an
/// anonymous one on the same server, measured in alternating rounds so machine noise hits both alike. Then the
/// revocation rule: a deactivated key is refused at once on the node that deactivated it and within a second on
/// a second node sharing the database.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- auth [rounds] [seconds] [concurrency]</c>.
/// </summary>
public static class AuthOverheadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var concurrency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;
        var data = Path.Combine(Path.GetTempPath(), "tessera-bench-auth-" + Guid.NewGuid().ToString("N"));
        const string adminKey = "tak_bench_admin_key";

        await using var nodeA = await StartAsync(data, 18601, adminKey);
        await using var nodeB = await StartAsync(data, 18602, adminKey);
        using var client = LoadRunner.CreateClient(new Uri("http://127.0.0.1:18601"), concurrency);
        using var clientB = LoadRunner.CreateClient(new Uri("http://127.0.0.1:18602"), 4);
        var (keyId, key) = await CreateKeyAsync(client, adminKey);

        HttpRequestMessage Anonymous() => new(HttpMethod.Get, "/bench/anonymous");
        // The header is added without validation so the client's own header parsing is not counted as the server's cost.
        var bearer = "Bearer " + key;
        HttpRequestMessage Authenticated()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/bench/authenticated");
            request.Headers.TryAddWithoutValidation("Authorization", bearer);
            return request;
        }

        // Warm up both paths (JIT tiers, connection pool, key cache): the first seconds run far slower.
        for (var i = 0; i < 3; i++)
        {
            await LoadRunner.RunAsync(client, Anonymous, concurrency, TimeSpan.FromSeconds(1));
            await LoadRunner.RunAsync(client, Authenticated, concurrency, TimeSpan.FromSeconds(1));
        }

        // Rounds alternate the two routes. Requests/s is what the issue asks for, but on a shared 2-core machine it
        // swings with whatever else runs; CPU time of this process per request (client and server, the client's share
        // being the same for both routes) is not affected by other processes, so it is printed beside it.
        var anonymous = new List<double>();
        var authenticated = new List<double>();
        var anonymousCpu = new List<double>();
        var authenticatedCpu = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var (rate, cpu) = await MeasureAsync(client, Anonymous, concurrency, seconds);
            anonymous.Add(rate);
            anonymousCpu.Add(cpu);
            (rate, cpu) = await MeasureAsync(client, Authenticated, concurrency, seconds);
            authenticated.Add(rate);
            authenticatedCpu.Add(cpu);
            Console.WriteLine($"round {round + 1}: anonymous {anonymous[^1]:F0} req/s ({anonymousCpu[^1]:F1} µs CPU/req), " +
                $"authenticated {authenticated[^1]:F0} req/s ({authenticatedCpu[^1]:F1} µs CPU/req)");
        }

        var (a, b) = (LoadRunner.Median(anonymous), LoadRunner.Median(authenticated));
        var (ca, cb) = (LoadRunner.Median(anonymousCpu), LoadRunner.Median(authenticatedCpu));
        Console.WriteLine($"median: anonymous {a:F0} req/s, authenticated {b:F0} req/s: {(a - b) / a * 100:F1}% fewer; " +
            $"CPU per request {ca:F1} vs {cb:F1} µs: the key check costs {(cb - ca) / ca * 100:F1}% " +
            $"({concurrency} clients, {seconds}s x {rounds} rounds, SQLite, in-process client and server)");

        // Revocation: node B has the key cached; deactivate through node A.
        Require(await clientB.SendAsync(Authenticated()), HttpStatusCode.OK);
        var deactivate = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/keys/{keyId}/deactivate");
        deactivate.Headers.Authorization = new("Bearer", adminKey);
        Require(await client.SendAsync(deactivate), HttpStatusCode.OK);
        var stopwatch = Stopwatch.StartNew();
        Require(await client.SendAsync(Authenticated()), HttpStatusCode.Unauthorized);
        Console.WriteLine("revocation: refused at once on the node that deactivated the key");
        while ((await clientB.SendAsync(Authenticated())).StatusCode == HttpStatusCode.OK)
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new InvalidOperationException("node B still accepts the key after 5 s");
            }
        }

        Console.WriteLine($"revocation: refused on the second node after {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        await nodeA.StopAsync();
        await nodeB.StopAsync();
        return 0;
    }

    private static async Task<(double Rate, double CpuMicroseconds)> MeasureAsync(HttpClient client, Func<HttpRequestMessage> request, int concurrency, double seconds)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var rate = await LoadRunner.RunAsync(client, request, concurrency, TimeSpan.FromSeconds(seconds));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / (rate * elapsed);
        return (rate, cpu);
    }

    private static async Task<WebApplication> StartAsync(string data, int port, string adminKey)
    {
        var app = TesseraApp.Build(["--urls", $"http://127.0.0.1:{port}", "--data", data, "--admin-key", adminKey, "--Logging:LogLevel:Default=Warning"]);
        app.MapGet("/bench/anonymous", () => Results.Ok());
        app.MapGet("/bench/authenticated", () => Results.Ok()).RequireKey();
        await app.StartAsync();
        return app;
    }

    private static async Task<(string Id, string Key)> CreateKeyAsync(HttpClient client, string adminKey)
    {
        async Task<JsonElement> PostAsync(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", adminKey);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var account = (await PostAsync("/admin/v1/accounts", new { name = "bench" })).GetProperty("id").GetString()!;
        var key = await PostAsync($"/admin/v1/accounts/{account}/keys", new { name = "bench" });
        return (key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!);
    }

    private static void Require(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }
}
