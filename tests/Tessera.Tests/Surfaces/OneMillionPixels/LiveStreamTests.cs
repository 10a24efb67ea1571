using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class LiveStreamTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Writes_arrive_as_events_and_a_reconnect_with_last_event_id_misses_nothing()
    {
        var (_, owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 10, 10);
        var stream = await _factory.CreateClient().GetStreamAsync("/omp/api/pixels/stream", Ct);
        using var reader = new StreamReader(stream);

        await owner.PostAsJsonAsync("/omp/api/pixels", new { x = 1, y = 2, color = "#ABCDEF" }, Ct);
        var first = await NextEventAsync(reader);
        Assert.Equal(1, first.Id);
        var pixel = first.Data.GetProperty("pixels")[0];
        Assert.Equal("#ABCDEF", pixel.GetProperty("color").GetString());

        await owner.PostAsJsonAsync("/omp/api/pixels", new { pixels = new[] { new { x = 3, y = 3, color = "#000001" }, new { x = 4, y = 4, color = "#000002" } } }, Ct);
        var second = await NextEventAsync(reader);
        Assert.Equal(2, second.Id);
        Assert.Equal(2, second.Data.GetProperty("pixels").GetArrayLength());

        // Disconnected, two more writes happen; the reconnect names the last event it saw.
        await owner.PostAsJsonAsync("/omp/api/pixels", new { x = 5, y = 5, color = "#000003" }, Ct);
        await owner.PostAsJsonAsync("/omp/api/pixels", new { x = 6, y = 6, color = "#000004" }, Ct);
        var request = new HttpRequestMessage(HttpMethod.Get, "/omp/api/pixels/stream");
        request.Headers.Add("Last-Event-ID", "2");
        var resumed = await _factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var again = new StreamReader(await resumed.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(3, (await NextEventAsync(again)).Id);
        Assert.Equal(4, (await NextEventAsync(again)).Id);
    }

    private static Task<(long Id, JsonElement Data)> NextEventAsync(StreamReader reader) => SseReader.NextEventAsync(reader, Ct);
}
