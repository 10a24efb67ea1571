using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Canvas.Pixels;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Issue #11 item 1: history comes from a per-pixel index, in pages, kept to a configured depth.</summary>
public sealed class PixelHistoryTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory().WithManyWrites().With("Tessera:Canvas:Pixels:HistoryDepth", "3");
    private HttpClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_, _owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 10, 10);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task PaintAsync(int x, int y, string color, string? url = null) =>
        (await _owner.PostAsJsonAsync("/omp/api/pixels", new { x, y, color, url }, Ct)).EnsureSuccessStatusCode();

    private async Task<JsonElement> HistoryAsync(string query) =>
        await (await _factory.CreateClient().GetAsync("/omp/api/pixels/history?" + query, Ct)).ReadJsonAsync();

    private static long[] Seqs(JsonElement body) => [.. body.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64())];

    [Fact]
    public async Task History_is_paged_newest_page_first_each_page_oldest_first_with_a_cursor()
    {
        for (var i = 1; i <= 5; i++)
        {
            await PaintAsync(1, 1, $"#00000{i}");
            await PaintAsync(2, 2, "#FFFFFF"); // another pixel's writes stay out of this pixel's history
        }

        var first = await HistoryAsync("x=1&y=1&limit=2");
        Assert.Equal(new long[] { 7, 9 }, Seqs(first));
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(7, first.GetProperty("next_before").GetInt64());

        var second = await HistoryAsync("x=1&y=1&limit=2&before=7");
        Assert.Equal(new long[] { 3, 5 }, Seqs(second));
        Assert.Equal("#000001", second.GetProperty("history")[0].GetProperty("old").GetProperty("color").GetString());
        Assert.Equal("#000002", second.GetProperty("history")[0].GetProperty("new").GetProperty("color").GetString());

        var last = await HistoryAsync("x=1&y=1&limit=2&before=3");
        Assert.Equal(new long[] { 1 }, Seqs(last));
        Assert.False(last.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next_before").ValueKind);
        Assert.Equal(JsonValueKind.Null, last.GetProperty("history")[0].GetProperty("old").GetProperty("color").ValueKind);
    }

    [Fact]
    public async Task A_field_left_out_keeps_its_old_value_in_the_new_one()
    {
        await PaintAsync(3, 3, "#AAAAAA", "https://example.com/a");
        (await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 3, y = 3, url = "https://example.com/b" }, Ct)).EnsureSuccessStatusCode();
        var entry = (await HistoryAsync("x=3&y=3")).GetProperty("history")[1];
        Assert.Equal("#AAAAAA", entry.GetProperty("new").GetProperty("color").GetString());
        Assert.Equal("https://example.com/a", entry.GetProperty("old").GetProperty("url").GetString());
        Assert.Equal("https://example.com/b", entry.GetProperty("new").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Compaction_prunes_each_pixel_to_the_configured_depth_and_keeps_the_old_value_of_the_oldest_kept()
    {
        for (var i = 1; i <= 6; i++)
        {
            await PaintAsync(4, 4, $"#00000{i}");
        }

        await _factory.Services.GetRequiredService<PixelCompactor>().CompactAsync(_factory.Services.GetRequiredService<CanvasRegistry>().Find("omp")!, Ct);

        var body = await HistoryAsync("x=4&y=4");
        var history = body.GetProperty("history");
        Assert.Equal(new long[] { 4, 5, 6 }, Seqs(body));
        Assert.Equal("#000003", history[0].GetProperty("old").GetProperty("color").GetString());
    }

    [Theory]
    [InlineData("x=1&y=1&limit=0")]
    [InlineData("x=1&y=1&limit=1001")]
    [InlineData("x=1&y=1&before=0")]
    [InlineData("x=1")]
    public async Task Bad_history_queries_get_400_in_the_omp_shape(string query)
    {
        var response = await _factory.CreateClient().GetAsync("/omp/api/pixels/history?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_error", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
