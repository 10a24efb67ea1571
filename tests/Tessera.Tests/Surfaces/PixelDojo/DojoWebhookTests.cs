using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using Tessera.Webhooks;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

public sealed class DojoWebhookTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = Configure(new TesseraFactory());
    private HttpClient _client = null!;
    private string _key = "";
    private LocalReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        (_, _key) = await _factory.CreateUserAsync(credits: 10);
        _client = _factory.CreateClient();
        _receiver = await LocalReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Completed_job_webhook_is_signed_with_the_account_secret_and_carries_the_polled_job_body()
    {
        var jobId = await _client.SubmitAsync(_key, new { prompt = "a lighthouse", webhook_url = new Uri(_receiver.Url, "hook").ToString() });
        await _client.WaitForJobAsync(_key, jobId);
        var delivery = await ReceivedAsync(1);

        var secret = (await (await _client.GetWithKeyAsync($"{Api}/webhook/secret", _key)).ReadJsonAsync()).GetProperty("key").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal("whmsg_" + jobId, delivery.Headers["webhook-id"]);
        Assert.True(WebhookSignature.Verify(secret, delivery.Headers["webhook-id"], delivery.Headers["webhook-timestamp"], delivery.Body, delivery.Headers["webhook-signature"]));
        Assert.Equal("/hook", delivery.PathAndQuery);

        var polled = JsonNode.Parse((await (await _client.GetWithKeyAsync($"{Api}/jobs/{jobId}", _key)).ReadJsonAsync()).GetRawText())!.AsObject();
        Assert.NotNull(polled["webhook"]);
        polled.Remove("webhook");
        Assert.True(JsonNode.DeepEquals(polled, JsonNode.Parse(delivery.Body)), $"payload {delivery.Body} != polled {polled.ToJsonString()}");
        Assert.Equal("completed", polled["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_route_shows_deliveries_and_replay_sends_a_new_delivery_with_the_same_payload()
    {
        var url = new Uri(_receiver.Url, "replay").ToString();
        var jobId = await _client.SubmitAsync(_key, new { prompt = "a fox", webhook_url = url });
        await _client.WaitForJobAsync(_key, jobId);
        var first = await ReceivedAsync(1);

        var info = await WaitDeliveredAsync(jobId, 1);
        Assert.Equal(url, info["url"]!.GetValue<string>());
        var attempt = info["deliveries"]![0]!["attempts"]![0]!;
        Assert.Equal(200, attempt["statusCode"]!.GetValue<int>());
        Assert.True(attempt["latencyMs"]!.GetValue<int>() >= 0);
        Assert.Equal("job.completed", info["deliveries"]![0]!["event"]!.GetValue<string>());

        var replay = await _client.SendAsync(HttpMethod.Post, $"{Api}/jobs/{jobId}/webhook", _key);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var second = await ReceivedAsync(2);
        Assert.NotEqual(first.Headers["webhook-id"], second.Headers["webhook-id"]);
        Assert.Equal(first.Body, second.Body);
        await WaitDeliveredAsync(jobId, 2);
    }

    [Fact]
    public async Task Job_without_a_webhook_url_has_no_deliveries_and_cannot_be_replayed()
    {
        var jobId = await _client.SubmitAsync(_key, new { prompt = "quiet" });
        await _client.WaitForJobAsync(_key, jobId);
        var info = await (await _client.GetWithKeyAsync($"{Api}/jobs/{jobId}/webhook", _key)).ReadJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, info.GetProperty("url").ValueKind);
        Assert.Empty(info.GetProperty("deliveries").EnumerateArray());
        var replay = await _client.SendAsync(HttpMethod.Post, $"{Api}/jobs/{jobId}/webhook", _key);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("validation_error", await replay.ErrorCodeAsync());
        Assert.False((await (await _client.GetWithKeyAsync($"{Api}/jobs/{jobId}", _key)).ReadJsonAsync()).TryGetProperty("webhook", out _));
    }

    private async Task<ReceivedRequest> ReceivedAsync(int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_receiver.Requests.Count < count && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(_receiver.Requests.Count >= count, $"{_receiver.Requests.Count} deliveries arrived, expected {count}");
        return _receiver.Requests.ElementAt(count - 1);
    }

    private async Task<JsonNode> WaitDeliveredAsync(string jobId, int deliveries)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var info = JsonNode.Parse((await (await _client.GetWithKeyAsync($"{Api}/jobs/{jobId}/webhook", _key)).ReadJsonAsync()).GetRawText())!;
            var list = info["deliveries"]!.AsArray();
            if ((list.Count == deliveries && list.All(d => d!["status"]!.GetValue<string>() == "delivered")) || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.Equal(deliveries, list.Count);
                Assert.All(list, d => Assert.Equal("delivered", d!["status"]!.GetValue<string>()));
                return info;
            }

            await Task.Delay(25, Ct);
        }
    }
}
