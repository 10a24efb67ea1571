using System.Diagnostics;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using Tessera.Webhooks;
using static Tessera.Tests.Webhooks.WebhookTestHost;

namespace Tessera.Tests.Webhooks;

/// <summary>
/// One tenant's hanging receivers must not hold every delivery slot (issue #11: 64 hanging deliveries delayed another
/// tenant's by 38 s). The node here has 4 slots; the hanging receiver never answers within the test.
/// </summary>
public sealed class WebhookFairnessTests
{
    private const string Payload = """{"event":"job.completed"}""";

    [Fact]
    public async Task One_accounts_hanging_receiver_does_not_delay_another_accounts_delivery()
    {
        await using var hanging = await HangingReceiverAsync();
        await using var healthy = await LocalReceiver.StartAsync(200, "ok");
        await using var server = Configure(new TesseraFactory())
            .With("Tessera:Webhooks:MaxInFlight", "4")
            .With("Tessera:Webhooks:MaxInFlightPerAccount", "2")
            .With("Tessera:Webhooks:MaxInFlightPerHost", "10");
        var slow = NewAccount();
        for (var i = 0; i < 10; i++)
        {
            await server.Outbox().EnqueueAsync(slow, $"job_{i}", "job.completed", hanging.Url + "hook", Payload, cancellationToken: Ct);
        }

        await WaitUntilAsync(() => hanging.Requests.Count >= 2);
        var clock = Stopwatch.StartNew();
        var other = await server.Outbox().EnqueueAsync(NewAccount(), "job_other", "job.completed", healthy.Url + "hook", Payload, cancellationToken: Ct);
        var settled = await server.Outbox().SettledAsync(other.Value.Id);

        Assert.Equal(WebhookStatus.Delivered, settled.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(2, hanging.Requests.Count); // the slow account never had more than its 2 in flight
    }

    [Fact]
    public async Task A_hanging_host_takes_at_most_its_cap_whichever_accounts_send_to_it()
    {
        await using var hanging = await HangingReceiverAsync();
        await using var healthy = await LocalReceiver.StartAsync(200, "ok");
        await using var server = Configure(new TesseraFactory())
            .With("Tessera:Webhooks:MaxInFlight", "4")
            .With("Tessera:Webhooks:MaxInFlightPerAccount", "10")
            .With("Tessera:Webhooks:MaxInFlightPerHost", "3");
        for (var i = 0; i < 12; i++)
        {
            // Many accounts, one receiver host (127.0.0.1): the host cap, not the account cap, is what holds them.
            await server.Outbox().EnqueueAsync(NewAccount(), $"job_{i}", "job.completed", hanging.Url + "hook", Payload, cancellationToken: Ct);
        }

        await WaitUntilAsync(() => hanging.Requests.Count >= 3);
        var clock = Stopwatch.StartNew();
        // Another host name for the same loopback receiver: "localhost" is a different destination host.
        var url = new UriBuilder(healthy.Url) { Host = "localhost", Path = "/hook" }.Uri.ToString();
        var other = await server.Outbox().EnqueueAsync(NewAccount(), "job_other", "job.completed", url, Payload, cancellationToken: Ct);
        var settled = await server.Outbox().SettledAsync(other.Value.Id);

        Assert.Equal(WebhookStatus.Delivered, settled.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(3, hanging.Requests.Count);
    }

    /// <summary>A receiver that holds every request open until the test ends (or the sender gives up).</summary>
    private static Task<LocalReceiver> HangingReceiverAsync() =>
        LocalReceiver.StartAsync(async (context, _) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the sender timed out or the receiver is stopping
            }
        });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(condition());
    }
}
