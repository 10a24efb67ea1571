using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Tessera.Outbound;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using Tessera.Webhooks;
using static Tessera.Tests.Webhooks.WebhookTestHost;

namespace Tessera.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private const string Payload = """{"jobId":"job_abc","status":"completed","output":{"images":["https://x.test/a.png"]}}""";

    [Fact]
    public async Task A_delivery_is_a_signed_post_the_receiver_can_verify()
    {
        await using var receiver = await LocalReceiver.StartAsync(200, "thanks");
        await using var server = Configure(new TesseraFactory());
        var account = NewAccount();

        var message = (await server.Outbox().EnqueueAsync(account, "job_abc", "job.completed", receiver.Url + "hook", Payload, cancellationToken: Ct)).Value;
        var settled = await server.Outbox().SettledAsync(message.Id);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.PathAndQuery);
        Assert.Equal(Payload, request.Body);
        Assert.Equal("application/json", request.Headers["content-type"]);
        Assert.Equal(message.Id, request.Headers["webhook-id"]);
        Assert.StartsWith("msg_", message.Id, StringComparison.Ordinal);
        var secret = await server.Secrets().GetOrCreateSecretAsync(account, Ct);
        Assert.True(WebhookSignature.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));

        Assert.Equal(WebhookStatus.Delivered, settled.Status);
        var attempt = Assert.Single(settled.Attempts);
        Assert.Equal((1, 200, null, "thanks"), (attempt.Number, attempt.StatusCode, attempt.Error, attempt.ResponseExcerpt));
        Assert.InRange(attempt.LatencyMs, 0, 10_000);
        Assert.NotNull(settled.FinishedAt);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_a_third_attempt_and_every_attempt_is_recorded()
    {
        var calls = 0;
        await using var receiver = await LocalReceiver.StartAsync((context, _) =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) <= 2 ? 503 : 200;
            return context.Response.WriteAsync(calls <= 2 ? "busy" : "ok");
        });
        await using var server = Configure(new TesseraFactory());

        var message = (await server.Outbox().EnqueueAsync(NewAccount(), "job_retry", "job.completed", receiver.Url.ToString(), Payload, cancellationToken: Ct)).Value;
        var settled = await server.Outbox().SettledAsync(message.Id);

        Assert.Equal(WebhookStatus.Delivered, settled.Status);
        Assert.Equal(3, settled.AttemptCount);
        Assert.Equal([(1, 503), (2, 503), (3, 200)], settled.Attempts.Select(a => (a.Number, a.StatusCode ?? 0)));
        Assert.Equal(["HTTP 503", "HTTP 503", null], settled.Attempts.Select(a => a.Error));
        Assert.All(settled.Attempts, a => Assert.InRange(a.LatencyMs, 0, 10_000));
        Assert.All(receiver.Requests, r => Assert.Equal(message.Id, r.Headers["webhook-id"])); // a retry keeps its id
        Assert.True(settled.Attempts[1].StartedAt >= settled.Attempts[0].StartedAt.AddMilliseconds(90), "the second attempt waits for its slot of the schedule");
    }

    [Fact]
    public async Task A_message_fails_when_the_schedule_runs_out()
    {
        await using var receiver = await LocalReceiver.StartAsync(500, "broken");
        await using var server = Configure(new TesseraFactory(), schedule: "0s,50ms");

        var message = (await server.Outbox().EnqueueAsync(NewAccount(), "job_fail", "job.failed", receiver.Url.ToString(), Payload, cancellationToken: Ct)).Value;
        var settled = await server.Outbox().SettledAsync(message.Id);

        Assert.Equal(WebhookStatus.Failed, settled.Status);
        Assert.Equal([500, 500], settled.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Null(settled.NextAttemptAt);
        await Task.Delay(300, Ct);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task Replay_sends_the_last_message_again_as_a_new_message()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var server = Configure(new TesseraFactory());
        var account = NewAccount();
        var first = (await server.Outbox().EnqueueAsync(account, "job_replay", "job.completed", receiver.Url.ToString(), Payload, cancellationToken: Ct)).Value;
        await server.Outbox().SettledAsync(first.Id);

        var replay = await server.Outbox().ReplayAsync(account, "job_replay", Ct);
        var settled = await server.Outbox().SettledAsync(replay.Value.Id);

        Assert.NotEqual(first.Id, replay.Value.Id);
        Assert.Equal(WebhookStatus.Delivered, settled.Status);
        Assert.Equal([first.Id, replay.Value.Id], receiver.Requests.Select(r => r.Headers["webhook-id"]));
        Assert.All(receiver.Requests, r => Assert.Equal(Payload, r.Body));
        Assert.Equal([first.Id, replay.Value.Id], (await server.Outbox().ListAsync("job_replay", Ct)).Select(m => m.Id));
        Assert.Equal("webhook_not_found", (await server.Outbox().ReplayAsync(account, "job_never", Ct)).Error?.Code);
        Assert.Equal("webhook_not_found", (await server.Outbox().ReplayAsync(NewAccount(), "job_replay", Ct)).Error?.Code);
    }

    [Fact]
    public async Task Enqueue_is_idempotent_on_the_message_id()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var server = Configure(new TesseraFactory());
        var account = NewAccount();

        var first = await server.Outbox().EnqueueAsync(account, "job_once", "job.completed", receiver.Url.ToString(), Payload, "msg_job_once_completed", Ct);
        var again = await server.Outbox().EnqueueAsync(account, "job_once", "job.completed", receiver.Url.ToString(), Payload, "msg_job_once_completed", Ct);
        await server.Outbox().SettledAsync("msg_job_once_completed");
        var third = await server.Outbox().EnqueueAsync(account, "job_once", "job.completed", receiver.Url.ToString(), Payload, "msg_job_once_completed", Ct);
        await Task.Delay(300, Ct);

        Assert.Equal("msg_job_once_completed", first.Value.Id);
        Assert.Equal(first.Value.Id, again.Value.Id);
        Assert.Equal(WebhookStatus.Delivered, third.Value.Status);
        Assert.Single(receiver.Requests);
        Assert.Single(await server.Outbox().ListAsync("job_once", Ct));
        Assert.Equal("webhook_id_taken", (await server.Outbox().EnqueueAsync(NewAccount(), "job_once", "job.completed", receiver.Url.ToString(), Payload, "msg_job_once_completed", Ct)).Error?.Code);
    }

    [Fact]
    public async Task Enqueue_refuses_a_bad_url_payload_or_id()
    {
        await using var server = Configure(new TesseraFactory());
        var outbox = server.Outbox();

        Assert.Equal(OutboundErrors.BadSchemeCode, (await outbox.EnqueueAsync(NewAccount(), "j", "e", "ftp://example.com/", Payload, cancellationToken: Ct)).Error?.Code);
        Assert.Equal(OutboundErrors.InvalidUrlCode, (await outbox.EnqueueAsync(NewAccount(), "j", "e", "https://u:p@example.com/", Payload, cancellationToken: Ct)).Error?.Code);
        Assert.Equal("validation_error", (await outbox.EnqueueAsync(NewAccount(), "j", "e", "https://example.com/", "{not json", cancellationToken: Ct)).Error?.Code);
        Assert.Equal("validation_error", (await outbox.EnqueueAsync(NewAccount(), "j", "e", "https://example.com/", Payload, "msg.with.dots", Ct)).Error?.Code);
    }

    [Fact]
    public async Task A_loopback_url_is_recorded_as_blocked_once_never_retried_and_never_connected_to()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";
        await using var server = Configure(new TesseraFactory(), allowPrivateNetworks: false, schedule: "0s,50ms");

        var message = (await server.Outbox().EnqueueAsync(NewAccount(), "job_ssrf", "job.completed", url, Payload, cancellationToken: Ct)).Value;
        var settled = await server.Outbox().SettledAsync(message.Id);

        // DECISIONS (Wave-1): a delivery refused by policy is not retried; it fails at once with the reason.
        Assert.Equal(WebhookStatus.Failed, settled.Status);
        var attempt = Assert.Single(settled.Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith(OutboundErrors.BlockedAddressCode + ":", attempt.Error, StringComparison.Ordinal);
        Assert.Null(settled.NextAttemptAt);
        Assert.False(listener.Pending(), "no connection reached the loopback listener");
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_both_signatures_for_the_overlap()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var server = Configure(new TesseraFactory());
        var account = NewAccount();
        var old = await server.Secrets().GetOrCreateSecretAsync(account, Ct);
        Assert.Equal(old, await server.Secrets().GetOrCreateSecretAsync(account, Ct));

        var rotated = await server.Secrets().RotateSecretAsync(account, Ct);
        var message = (await server.Outbox().EnqueueAsync(account, "job_rot", "job.completed", receiver.Url.ToString(), Payload, cancellationToken: Ct)).Value;
        await server.Outbox().SettledAsync(message.Id);

        Assert.NotEqual(old, rotated);
        Assert.Equal(rotated, await server.Secrets().GetOrCreateSecretAsync(account, Ct));
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(2, request.Headers["webhook-signature"].Split(' ').Length);
        foreach (var secret in new[] { old, rotated })
        {
            Assert.True(WebhookSignature.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        }
    }
}
