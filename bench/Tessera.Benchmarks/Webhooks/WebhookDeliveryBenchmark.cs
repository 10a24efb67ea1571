using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Outbound;
using Tessera.Storage;
using Tessera.Webhooks;

namespace Tessera.Benchmarks.Webhooks;

/// <summary>
/// Webhook deliveries per second, in process: N messages (20,000 by default; payload ~120 bytes of JSON, one
/// account) are enqueued into the outbox on embedded SQLite (WAL, synchronous=NORMAL), then the delivery worker is
/// started and timed until every message is delivered: claim under a lease, sign, POST through the SSRF-safe client
/// to a local Kestrel receiver answering 200, write the attempt and the message's state. Also prints the enqueue
/// rate (8 concurrent callers, one transaction per enqueue, as the jobs module calls it).
/// </summary>
internal static class WebhookDeliveryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Option(args, "--messages", 20_000);
        var inFlight = Option(args, "--in-flight", 64);
        var directory = Path.Combine(Path.GetTempPath(), "tessera-bench", Guid.NewGuid().ToString("N"));
        long received = 0;
        await using var receiver = await StartReceiverAsync(() => Interlocked.Increment(ref received));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tessera:Data"] = directory,
            ["Tessera:Outbound:AllowPrivateNetworks"] = "true",
            ["Tessera:Webhooks:MaxInFlight"] = inFlight.ToString(CultureInfo.InvariantCulture),
            // One account, one receiver: lift the fairness caps so the figure stays the node's whole throughput.
            ["Tessera:Webhooks:MaxInFlightPerAccount"] = inFlight.ToString(CultureInfo.InvariantCulture),
            ["Tessera:Webhooks:MaxInFlightPerHost"] = inFlight.ToString(CultureInfo.InvariantCulture),
        });
        builder.AddStorage();
        builder.AddOutbound();
        builder.AddWebhooks();
        using var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
            var outbox = host.Services.GetRequiredService<WebhookOutbox>();
            var url = receiver.Urls.First() + "/hook";

            var enqueueClock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < messages; i = Interlocked.Increment(ref next))
                {
                    var payload = $$$"""{"jobId":"job_{{{i}}}","status":"completed","output":{"images":["https://example.com/{{{i}}}.png"]}}""";
                    _ = (await outbox.EnqueueAsync("acc_bench", $"job_{i}", "job.completed", url, payload)).Value;
                }
            })));
            var enqueueElapsed = enqueueClock.Elapsed;

            // CPU time as well as wall time: on a shared box (load averages of 40+ on 2 cores here) wall-clock rates
            // swing by half between runs, CPU per delivery (this process: worker, client and receiver) much less.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var deliveryClock = Stopwatch.StartNew();
            await host.StartAsync();
            var database = host.Services.GetRequiredService<TesseraDatabase>();
            long pending;
            do
            {
                await Task.Delay(20);
                await using var connection = await database.OpenAsync();
                pending = await connection.Command("SELECT count(*) FROM webhook_messages WHERE status = 'pending'").ScalarLongAsync();
            }
            while (pending > 0 && deliveryClock.Elapsed < TimeSpan.FromMinutes(5));

            var elapsed = deliveryClock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await using var check = await database.OpenAsync();
            var delivered = await check.Command("SELECT count(*) FROM webhook_messages WHERE status = 'delivered'").ScalarLongAsync();
            var attempts = await check.Command("SELECT count(*) FROM webhook_attempts").ScalarLongAsync();
            await host.StopAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"webhooks sqlite in process: enqueue {messages} in {enqueueElapsed.TotalSeconds:F1} s = {messages / enqueueElapsed.TotalSeconds:F0}/s; " +
                $"delivered {delivered} ({attempts} attempts, receiver saw {Interlocked.Read(ref received)}) in {elapsed.TotalSeconds:F1} s = {delivered / elapsed.TotalSeconds:F0} deliveries/s, {inFlight} in flight, " +
                $"{cpu.TotalMicroseconds / Math.Max(1, delivered):F0} µs CPU per delivery"));
            return delivered == messages && attempts == messages ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<WebApplication> StartReceiverAsync(Action onRequest)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context =>
        {
            onRequest();
            return context.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        return app;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
