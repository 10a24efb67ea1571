using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NetVips;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanScrapeTests : IAsyncLifetime
{
    private const string ScrapeApi = "/ocean/api/scrape";

    private readonly OceanHost _host = Start(factory => factory
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:Scraping:PerHostDelay", "00:00:00.010")
        .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00.010")
        .With("Tessera:Scraping:MaxActivePerAccount", "1"));

    private LocalReceiver _site = null!;

    public async ValueTask InitializeAsync() =>
        _site = await LocalReceiver.StartAsync(async (context, request) =>
        {
            if (request.PathAndQuery == "/slow")
            {
                // Holds a scrape running until the test ends (the server is stopped, cancelling the request).
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            (int Status, byte[] Body) answer = request.PathAndQuery switch
            {
                "/robots.txt" => (404, "none"u8.ToArray()),
                "/slow" => (200, "<html><body>late</body></html>"u8.ToArray()),
                "/" => (200, "<html><body><img src='/a.png'><img srcset='/b.png 1x, /c.png 2x'><a href='/doc.pdf'>d</a></body></html>"u8.ToArray()),
                "/a.png" => (200, Png(red: 10)),
                "/c.png" => (200, Png(red: 20)),
                _ => (404, "missing"u8.ToArray()),
            };
            context.Response.StatusCode = answer.Status;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<JsonElement> PollAsync(string key, string pollUrl)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await _host.JsonAsync(HttpMethod.Get, pollUrl, key);
            if (job.GetProperty("status").GetString() is "completed" or "failed")
            {
                return job;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The scrape did not finish.");
    }

    [Fact]
    public async Task A_scrape_is_queued_polled_to_completed_and_its_files_are_the_callers_library_assets()
    {
        var key = await _host.UserAsync();
        var queued = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, new { url = _site.Url.AbsoluteUri, max_files = 10 });
        Assert.True(queued.GetProperty("success").GetBoolean());
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal("Job queued successfully", queued.GetProperty("message").GetString());
        var jobId = queued.GetProperty("job_id").GetInt64();
        Assert.Equal($"/ocean/api/jobs/{jobId}", queued.GetProperty("poll_url").GetString());

        var job = await PollAsync(key, queued.GetProperty("poll_url").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("scrape", job.GetProperty("kind").GetString());
        var items = job.GetProperty("assets").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, job.GetProperty("assets").GetProperty("count").GetInt32());
        Assert.Equal([new Uri(_site.Url, "/a.png").AbsoluteUri, new Uri(_site.Url, "/c.png").AbsoluteUri], items.Select(item => item.GetProperty("url").GetString()));
        var file = await _host.Client.GetByteArrayAsync(PathOf(items[0].GetProperty("download_url").GetString()!), Ct);
        Assert.Equal(Png(red: 10), file);
        var asset = (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{items[0].GetProperty("id").GetInt64()}", key)).GetProperty("media");
        Assert.Equal("127.0.0.1", asset.GetProperty("group").GetString());

        // Another account: the job and its files' library entries are not there.
        var stranger = await _host.UserAsync();
        using var foreign = await _host.SendAsync(HttpMethod.Get, $"/ocean/api/jobs/{jobId}", stranger);
        Assert.Equal(404, (int)foreign.StatusCode);
        Assert.False((await foreign.ReadJsonAsync()).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task The_same_scrape_within_the_hour_answers_the_same_job_unless_forced()
    {
        var key = await _host.UserAsync();
        var body = new { url = _site.Url.AbsoluteUri, sniper_mode = true };
        var first = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, body);
        await PollAsync(key, first.GetProperty("poll_url").GetString()!);

        var again = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, body);
        Assert.Equal(first.GetProperty("job_id").GetInt64(), again.GetProperty("job_id").GetInt64());
        Assert.Equal("completed", again.GetProperty("status").GetString());

        var forced = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, new { url = _site.Url.AbsoluteUri, sniper_mode = true, force = true });
        Assert.NotEqual(first.GetProperty("job_id").GetInt64(), forced.GetProperty("job_id").GetInt64());

        var other = await _host.UserAsync();
        var theirs = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, other, body);
        Assert.NotEqual(first.GetProperty("job_id").GetInt64(), theirs.GetProperty("job_id").GetInt64());
    }

    [Theory]
    [InlineData("""{}""", "URL required")]
    [InlineData("""{"url":"ftp://example.com/"}""", "URL required")]
    [InlineData("""{"url":"https://example.com/","max_files":0}""", "'max_files'")]
    [InlineData("""{"url":"https://example.com/","max_files":201}""", "'max_files'")]
    [InlineData("""{"url":"https://example.com/","crawl_depth":3}""", "'crawl_depth'")]
    [InlineData("""{"url":"https://example.com/","sniper_mode":"yes"}""", "'sniper_mode'")]
    [InlineData("""{"url":"https://example.com/","min_size_kb":-1}""", "'min_size_kb'")]
    public async Task Bad_scrape_requests_are_400s_in_the_ocean_shape(string body, string message)
    {
        var key = await _host.UserAsync();
        var error = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, body, expected: 400);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_that_cannot_be_read_fails_the_job_with_the_reason_and_no_key_is_401()
    {
        var key = await _host.UserAsync();
        var queued = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, new { url = new Uri(_site.Url, "/nothing").AbsoluteUri });
        var job = await PollAsync(key, queued.GetProperty("poll_url").GetString()!);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("404", job.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var anonymous = await _host.SendAsync(HttpMethod.Post, ScrapeApi, key: null, new { url = "https://example.com/" });
        Assert.Equal(401, (int)anonymous.StatusCode);
    }

    [Fact]
    public async Task An_account_runs_at_most_the_configured_number_of_scrapes_at_once()
    {
        var key = await _host.UserAsync();
        await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, new { url = new Uri(_site.Url, "/slow").AbsoluteUri });
        var refused = await _host.JsonAsync(HttpMethod.Post, ScrapeApi, key, new { url = _site.Url.AbsoluteUri }, expected: 429);
        Assert.False(refused.GetProperty("success").GetBoolean());
        Assert.Contains("At most 1 scrapes", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        var other = await _host.UserAsync();
        await _host.JsonAsync(HttpMethod.Post, ScrapeApi, other, new { url = _site.Url.AbsoluteUri });
    }
}
