using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Storage;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>
/// <c>/ocean/api/automation/webhooks</c>: registrations delivered through the Webhooks outbox when Ocean jobs end, signed
/// with <c>X-Ocean-Signature</c> (lowercase hex HMAC-SHA256 of the raw body), the <c>test</c> route, URL rules, limits,
/// ownership, and secrets kept encrypted.
/// </summary>
public sealed class OceanWebhookTests : IAsyncLifetime
{
    private const string Webhooks = "/ocean/api/automation/webhooks";
    private const string Secret = "my-signing-secret";

    private OceanHost _host = null!;
    private LocalReceiver _site = null!;
    private LocalReceiver _hooks = null!;
    private int _flaky;

    public async ValueTask InitializeAsync()
    {
        _host = Start(factory => factory
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .With("Tessera:Webhooks:RetrySchedule", "0s,200ms,200ms")
            .With("Tessera:Webhooks:PollInterval", "00:00:00.100")
            .With("Tessera:Automation:MaxWebhooksPerAccount", "3")
            .With("Tessera:Scraping:PerHostDelay", "00:00:00.010")
            .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00.010"));
        _site = await LocalReceiver.StartAsync(async (context, request) =>
        {
            (int Status, byte[] Body) answer = request.PathAndQuery switch
            {
                "/" => (200, "<html><body><img src='/a.png'></body></html>"u8.ToArray()),
                "/a.png" => (200, Png(red: 90)),
                _ => (404, "missing"u8.ToArray()),
            };
            context.Response.StatusCode = answer.Status;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });
        _hooks = await LocalReceiver.StartAsync((context, request) =>
        {
            context.Response.StatusCode = request.PathAndQuery switch
            {
                "/down" => 500,
                "/flaky" => Interlocked.Increment(ref _flaky) == 1 ? 503 : 200,
                _ => 200,
            };
            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _site.DisposeAsync();
        await _hooks.DisposeAsync();
    }

    private string Hook(string path) => new Uri(_hooks.Url, path).AbsoluteUri;

    private async Task<ReceivedRequest> ReceivedAsync(string path, Func<JsonElement, bool>? where = null)
    {
        for (var i = 0; i < 400; i++)
        {
            if (_hooks.Requests.FirstOrDefault(r => r.PathAndQuery == path && (where is null || where(JsonDocument.Parse(r.Body).RootElement))) is { } found)
            {
                return found;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException($"Nothing arrived at {path}.");
    }

    private async Task<long> ScrapeAsync(string key, string url)
    {
        var queued = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/scrape", key, new { url, force = true });
        return queued.GetProperty("job_id").GetInt64();
    }

    private static string Hex(string secret, string body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task A_finished_scrape_is_posted_to_each_subscribed_webhook_signed_with_its_secret()
    {
        var key = await _host.UserAsync();
        var registered = await _host.JsonAsync(HttpMethod.Post, Webhooks, key,
            new { url = Hook("/signed"), secret = Secret, events = new[] { "scrape.completed", "scrape.failed" } }, expected: 201);
        Assert.True(registered.GetProperty("has_secret").GetBoolean());
        Assert.DoesNotContain(Secret, registered.ToString(), StringComparison.Ordinal);
        await _host.JsonAsync(HttpMethod.Post, Webhooks, key, new { url = Hook("/plain") }, expected: 201);
        await _host.JsonAsync(HttpMethod.Post, Webhooks, key, new { url = Hook("/failures"), events = new[] { "*.failed" } }, expected: 201);

        var jobId = await ScrapeAsync(key, _site.Url.AbsoluteUri);

        var signed = await ReceivedAsync("/signed");
        var payload = JsonDocument.Parse(signed.Body).RootElement;
        Assert.Equal("scrape.completed", payload.GetProperty("event").GetString());
        Assert.Equal(jobId, payload.GetProperty("job_id").GetInt64());
        Assert.Equal("completed", payload.GetProperty("status").GetString());
        Assert.Equal(1, payload.GetProperty("assets_count").GetInt32());
        Assert.Equal($"/ocean/api/jobs/{jobId}", payload.GetProperty("poll_url").GetString());
        Assert.Equal(Hex(Secret, signed.Body), signed.Headers["X-Ocean-Signature"]);
        Assert.StartsWith("awh_", signed.Headers["webhook-id"], StringComparison.Ordinal);

        var plain = await ReceivedAsync("/plain");
        Assert.False(plain.Headers.ContainsKey("X-Ocean-Signature"));
        Assert.True(plain.Headers.ContainsKey("webhook-signature"));

        // A failed scrape: scrape.failed, to the signed hook and the one that wants only failures.
        var failedId = await ScrapeAsync(key, new Uri(_site.Url, "/nothing").AbsoluteUri);
        var failed = await ReceivedAsync("/failures");
        Assert.Equal("scrape.failed", JsonDocument.Parse(failed.Body).RootElement.GetProperty("event").GetString());
        Assert.Equal(failedId, JsonDocument.Parse(failed.Body).RootElement.GetProperty("job_id").GetInt64());
        await ReceivedAsync("/signed", body => body.GetProperty("event").GetString() == "scrape.failed");
        Assert.Single(_hooks.Requests, r => r.PathAndQuery == "/failures");
        Assert.Equal(2, _hooks.Requests.Count(r => r.PathAndQuery == "/signed"));
    }

    [Fact]
    public async Task The_test_route_delivers_a_signed_test_payload_and_reports_the_receivers_answer()
    {
        var key = await _host.UserAsync();

        var ok = await _host.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", key, new { url = Hook("/test"), secret = Secret });
        Assert.True(ok.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, ok.GetProperty("status_code").GetInt32());
        var received = await ReceivedAsync("/test");
        Assert.Equal("webhook.test", JsonDocument.Parse(received.Body).RootElement.GetProperty("event").GetString());
        Assert.Equal(Hex(Secret, received.Body), received.Headers["X-Ocean-Signature"]);

        var down = await _host.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", key, new { url = Hook("/down") });
        Assert.False(down.GetProperty("delivered").GetBoolean());
        Assert.Equal(500, down.GetProperty("status_code").GetInt32());

        // By registration id: its URL and its secret.
        var id = (await _host.JsonAsync(HttpMethod.Post, Webhooks, key, new { url = Hook("/registered"), secret = "s2" }, expected: 201)).GetProperty("webhook_id").GetInt64();
        Assert.True((await _host.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", key, new { webhook_id = id })).GetProperty("delivered").GetBoolean());
        var byId = await ReceivedAsync("/registered");
        Assert.Equal(Hex("s2", byId.Body), byId.Headers["X-Ocean-Signature"]);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_through_the_outbox_and_each_attempt_is_recorded()
    {
        var key = await _host.UserAsync();
        var first = await _host.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", key, new { url = Hook("/flaky") });
        Assert.False(first.GetProperty("delivered").GetBoolean());
        Assert.Equal(503, first.GetProperty("status_code").GetInt32());

        var outbox = _host.Factory.Services.GetRequiredService<Tessera.Webhooks.WebhookOutbox>();
        var messageId = first.GetProperty("message_id").GetString()!;
        Tessera.Webhooks.WebhookMessage? message = null;
        for (var i = 0; i < 200 && message?.Status != "delivered"; i++)
        {
            await Task.Delay(50, Ct);
            message = await outbox.GetAsync(messageId, Ct);
        }

        Assert.Equal("delivered", message!.Status);
        Assert.Equal([503, 200], message.Attempts.Select(a => a.StatusCode ?? 0));
    }

    [Fact]
    public async Task Webhook_urls_must_be_https_and_public_unless_the_operator_allows_private_networks()
    {
        await using var strict = Start();
        var key = await strict.UserAsync();

        var http = await strict.JsonAsync(HttpMethod.Post, Webhooks, key, new { url = "http://myapp.example/hooks" }, expected: 400);
        Assert.Contains("https", http.GetProperty("error").GetString(), StringComparison.Ordinal);
        var inside = await strict.JsonAsync(HttpMethod.Post, Webhooks, key, new { url = "https://127.0.0.1/hooks" }, expected: 400);
        Assert.Contains("AllowPrivateNetworks", inside.GetProperty("error").GetString(), StringComparison.Ordinal);
        await strict.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", key, new { url = "https://10.0.0.1/hooks" }, expected: 400);
        Assert.Equal(0, (await strict.JsonAsync(HttpMethod.Get, Webhooks, key)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Another_accounts_webhook_is_404_and_an_account_holds_at_most_the_configured_number()
    {
        var owner = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var id = (await _host.JsonAsync(HttpMethod.Post, Webhooks, owner, new { url = Hook("/mine") }, expected: 201)).GetProperty("webhook_id").GetInt64();

        await _host.JsonAsync(HttpMethod.Delete, $"{Webhooks}/{id}", stranger, expected: 404);
        await _host.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", stranger, new { webhook_id = id }, expected: 404);
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, Webhooks, stranger)).GetProperty("count").GetInt32());

        await _host.JsonAsync(HttpMethod.Post, Webhooks, owner, new { url = Hook("/2") }, expected: 201);
        await _host.JsonAsync(HttpMethod.Post, Webhooks, owner, new { url = Hook("/3") }, expected: 201);
        var full = await _host.JsonAsync(HttpMethod.Post, Webhooks, owner, new { url = Hook("/4") }, expected: 409);
        Assert.Equal("webhook_limit_reached", full.GetProperty("code").GetString());

        await _host.JsonAsync(HttpMethod.Delete, $"{Webhooks}/{id}", owner);
        Assert.Equal(2, (await _host.JsonAsync(HttpMethod.Get, Webhooks, owner)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Secrets_are_stored_encrypted_and_never_listed()
    {
        var key = await _host.UserAsync();
        await _host.JsonAsync(HttpMethod.Post, Webhooks, key, new { url = Hook("/kept"), secret = Secret }, expected: 201);
        await _host.JsonAsync(HttpMethod.Post, $"{Webhooks}/test", key, new { url = Hook("/kept"), secret = Secret });

        var list = await _host.JsonAsync(HttpMethod.Get, Webhooks, key);
        Assert.DoesNotContain(Secret, list.ToString(), StringComparison.Ordinal);
        Assert.True(list.GetProperty("webhooks")[0].GetProperty("has_secret").GetBoolean());
        await using var connection = await _host.Factory.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct);
        foreach (var sql in new[] { "SELECT secret FROM automation_webhooks", "SELECT own_secret FROM webhook_messages WHERE own_secret IS NOT NULL" })
        {
            await using var command = connection.Command(sql);
            var stored = (string)(await command.ExecuteScalarAsync(Ct))!;
            Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"url":"ftp://127.0.0.1/"}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","events":["nope"]}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","events":[]}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","events":"scrape.completed"}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","secret":""}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","secret":7}""")]
    public async Task A_bad_registration_is_a_400_in_the_ocean_shape(string body)
    {
        var key = await _host.UserAsync();
        var json = await _host.JsonAsync(HttpMethod.Post, Webhooks, key, body, expected: 400);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("validation_error", json.GetProperty("code").GetString());
    }
}
