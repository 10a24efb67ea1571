using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Canvas.Pixels;
using Tessera.RateLimits;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Issue #11 item 1: the live stream starts now, replays a bounded tail, caps streams, and cuts off slow readers.</summary>
public sealed class StreamBoundsTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory().WithManyWrites()
        .With("Tessera:OneMillionPixels:Stream:MaxReplay", "3")
        .With("Tessera:OneMillionPixels:Stream:MaxPerIp", "2")
        .With("Tessera:OneMillionPixels:Stream:QueueLength", "4")
        .With("Tessera:OneMillionPixels:Stream:ResyncTimeout", "00:00:01");

    private HttpClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_, _owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 100, 100);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task PaintAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = i % 100, y = 0, color = "#112233" }, Ct)).EnsureSuccessStatusCode();
        }
    }

    private async Task<HttpResponseMessage> OpenAsync(string query = "", string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/omp/api/pixels/stream" + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await _factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    [Fact]
    public async Task A_stream_without_since_starts_at_the_current_seq_and_replays_nothing()
    {
        await PaintAsync(3);
        using var response = await OpenAsync();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        await PaintAsync(1);

        Assert.Equal(4, (await NextEventAsync(reader)).Id);
    }

    [Fact]
    public async Task A_since_within_the_replay_depth_replays_the_writes_after_it()
    {
        await PaintAsync(5);
        using var response = await OpenAsync("?since=2");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(3, (await NextEventAsync(reader)).Id);
        Assert.Equal(4, (await NextEventAsync(reader)).Id);
        Assert.Equal(5, (await NextEventAsync(reader)).Id);
    }

    [Fact]
    public async Task A_since_older_than_the_replay_depth_is_410_since_too_old_in_the_omp_shape()
    {
        await PaintAsync(5);

        foreach (var response in new[] { await OpenAsync("?since=1"), await OpenAsync(lastEventId: "0"), await _factory.CreateClient().GetAsync("/omp/api/pixels?since=1", Ct) })
        {
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal("since_too_old", body.GetProperty("code").GetString());
            Assert.Contains("/omp/api/canvas", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Streams_over_the_per_ip_cap_get_429_too_many_streams_with_retry_after_until_one_closes()
    {
        var first = await OpenAsync();
        using var second = await OpenAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var third = await OpenAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), third.Headers.RetryAfter?.Delta);
        Assert.Equal("too_many_streams", (await third.ReadJsonAsync()).GetProperty("code").GetString());

        first.Dispose();
        var limits = _factory.Services.GetRequiredService<ConcurrencyLimits>();
        await WaitUntilAsync(() => limits.Open("omp-stream") == 1);
        using var fourth = await OpenAsync();
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
    }

    [Fact]
    public async Task A_reader_that_never_reads_is_cut_off_instead_of_buffered()
    {
        using var response = await OpenAsync();
        var events = _factory.Services.GetRequiredService<PixelEvents>();
        var limits = _factory.Services.GetRequiredService<ConcurrencyLimits>();
        Assert.Equal(1, events.Count);

        // 1000-pixel writes with links (~90 KB an event): the response pipe fills, then the 4-event queue, then the cut.
        var pixels = Enumerable.Range(0, 1000).Select(i => new { x = i % 100, y = i / 100, color = "#445566", url = "https://example.com/" + new string('a', 40) }).ToArray();
        for (var i = 0; i < 40 && events.Count > 0; i++)
        {
            (await _owner.PostAsJsonAsync("/omp/api/pixels", new { pixels }, Ct)).EnsureSuccessStatusCode();
        }

        Assert.Equal(0, events.Count);
        await WaitUntilAsync(() => limits.Open("omp-stream") == 0);
    }

    [Fact]
    public async Task A_reader_that_falls_behind_gets_a_resync_event_naming_the_canvas()
    {
        using var response = await OpenAsync();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var events = _factory.Services.GetRequiredService<PixelEvents>();

        // Queue 4: more than four writes published while the handler is blocked is a drop. Publish straight into the
        // broadcast (faster than any handler drains it) to stand for a burst the client could not take.
        for (var seq = 100; seq < 200 && events.Count > 0; seq++)
        {
            events.Publish(new PixelEvent("omp", seq, "acc", DateTimeOffset.UnixEpoch, [new PixelChange(0, 0, 0xFF0000, null)]));
        }

        string? line;
        var resync = false;
        while ((line = await reader.ReadLineAsync(Ct)) is not null)
        {
            if (line == "event: resync")
            {
                resync = true;
                var data = await reader.ReadLineAsync(Ct);
                Assert.Contains("/omp/api/canvas", data, StringComparison.Ordinal);
                break;
            }
        }

        Assert.True(resync);
    }

    [Fact]
    public async Task The_skill_file_states_the_limits_the_server_enforces()
    {
        var skill = await _factory.CreateClient().GetStringAsync("/omp/api/skill", Ct);
        Assert.Contains("at most 512 bytes", skill, StringComparison.Ordinal);
        Assert.Contains("replays at most 3 writes", skill, StringComparison.Ordinal);
        Assert.Contains("At most 2 open streams per client address", skill, StringComparison.Ordinal);
        Assert.Contains("a bucket of 100000 requests refilling over 1 s per key", skill, StringComparison.Ordinal);
        Assert.Contains("`next_before`", skill, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20, Ct);
        }
    }

    private static Task<(long Id, JsonElement Data)> NextEventAsync(StreamReader reader) => SseReader.NextEventAsync(reader, Ct);
}
