using System.Net;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary>A node that runs no jobs (<c>Tessera:Jobs:Concurrency=0</c>), so jobs stay pending as long as a test needs.</summary>
public sealed class DojoQueuedJobTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = Configure(new TesseraFactory()).With("Tessera:Jobs:Concurrency", "0");
    private HttpClient _client = null!;
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        (_, _key) = await _factory.CreateUserAsync(credits: 3);
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Pending_job_shows_pending_and_its_webhook_cannot_be_replayed_yet()
    {
        var jobId = await _client.SubmitAsync(_key, new { prompt = "later", webhook_url = "https://example.com/hook" });
        var job = await (await _client.GetWithKeyAsync($"{Api}/jobs/{jobId}", _key)).ReadJsonAsync();
        Assert.Equal("pending", job.GetProperty("status").GetString());
        Assert.False(job.TryGetProperty("output", out _));
        Assert.Empty(job.GetProperty("assets").EnumerateArray());
        Assert.Equal("https://example.com/hook", job.GetProperty("webhook").GetProperty("url").GetString());

        var replay = await _client.SendAsync(HttpMethod.Post, $"{Api}/jobs/{jobId}/webhook", _key);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("validation_error", await replay.ErrorCodeAsync());
    }

    [Fact]
    public async Task Cancel_returns_the_hold_and_the_job_shows_canceled_with_an_error()
    {
        var jobId = await _client.SubmitAsync(_key, new { prompt = "never", num_outputs = 3 });
        var refused = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "no credits left" });
        Assert.Equal("insufficient_credits", await refused.ErrorCodeAsync());

        var canceled = await _client.SendAsync(HttpMethod.Post, $"{Api}/jobs/{jobId}/cancel", _key);
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        var job = await canceled.ReadJsonAsync();
        Assert.Equal("canceled", job.GetProperty("status").GetString());
        Assert.Equal("canceled", job.GetProperty("error").GetProperty("code").GetString());

        var again = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "credits back", num_outputs = 3 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
