using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Canvas.Pixels;
using Tessera.Storage;
using Tessera.Tests.Support;
using Tessera.Tests.Surfaces.OneMillionPixels;

namespace Tessera.Tests.Canvas.Pixels;

/// <summary>Issue #11 item 2: a snapshot plus the recent tail rebuild the canvas; the log stays bounded.</summary>
public sealed class PixelCompactionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly List<TesseraFactory> _nodes = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private TesseraFactory Node()
    {
        var node = new TesseraFactory(_database) { AdminKey = _nodes.FirstOrDefault()?.AdminKey ?? "tak_test_" + Guid.NewGuid().ToString("N") }
            .WithManyWrites().With("Tessera:Canvas:Pixels:KeptWrites", "5");
        _nodes.Add(node);
        return node;
    }

    private static Task<int> CompactAsync(TesseraFactory node) =>
        node.Services.GetRequiredService<PixelCompactor>().CompactAsync(node.Services.GetRequiredService<CanvasRegistry>().Find("omp")!, Ct);

    private static async Task<long> LogRowsAsync(TesseraFactory node)
    {
        await using var connection = await node.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct);
        return await connection.Command("SELECT COUNT(*) FROM pixel_writes").ScalarLongAndDisposeAsync(Ct);
    }

    [Fact]
    public async Task After_compaction_a_fresh_server_shows_the_same_canvas_and_the_log_keeps_only_the_tail()
    {
        var first = Node();
        var (_, owner) = await OmpTestHost.OwnerAsync(first, 0, 0, 50, 50);
        for (var i = 0; i < 40; i++)
        {
            (await owner.PostAsJsonAsync("/omp/api/pixels", new { x = i % 50, y = i / 10, color = $"#{i:X2}{i:X2}{i:X2}", url = i % 3 == 0 ? $"https://example.com/{i}" : null }, Ct)).EnsureSuccessStatusCode();
        }

        Assert.Equal(35, await CompactAsync(first));
        Assert.Equal(5, await LogRowsAsync(first));
        var pixels = await (await first.CreateClient().GetAsync("/omp/api/pixels", Ct)).Content.ReadAsStringAsync(Ct);
        var png = await first.CreateClient().GetByteArrayAsync("/omp/api/canvas", Ct);

        var fresh = Node();
        Assert.Equal(pixels, await (await fresh.CreateClient().GetAsync("/omp/api/pixels", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(png, await fresh.CreateClient().GetByteArrayAsync("/omp/api/canvas", Ct));

        // Seqs go on from the log's newest row, which compaction never deletes.
        var next = fresh.CreateClient();
        next.DefaultRequestHeaders.Authorization = owner.DefaultRequestHeaders.Authorization;
        var written = await (await next.PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, color = "#ABCDEF" }, Ct)).ReadJsonAsync();
        Assert.Equal(41, written.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Compacting_again_and_again_keeps_the_log_bounded()
    {
        var node = Node();
        var (_, owner) = await OmpTestHost.OwnerAsync(node, 0, 0, 10, 10);
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 20; i++)
            {
                (await owner.PostAsJsonAsync("/omp/api/pixels", new { x = i % 10, y = round, color = "#102030" }, Ct)).EnsureSuccessStatusCode();
            }

            await CompactAsync(node);
            Assert.Equal(5, await LogRowsAsync(node));
        }
    }

    [Fact]
    public async Task A_resume_from_before_the_kept_log_is_410_since_too_old()
    {
        var node = Node();
        var (_, owner) = await OmpTestHost.OwnerAsync(node, 0, 0, 10, 10);
        for (var i = 0; i < 12; i++)
        {
            (await owner.PostAsJsonAsync("/omp/api/pixels", new { x = i % 10, y = 0, color = "#102030" }, Ct)).EnsureSuccessStatusCode();
        }

        await CompactAsync(node);

        var tooOld = await node.CreateClient().GetAsync("/omp/api/pixels?since=3", Ct);
        Assert.Equal(HttpStatusCode.Gone, tooOld.StatusCode);
        Assert.Equal("since_too_old", await tooOld.CodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await node.CreateClient().GetAsync("/omp/api/pixels?since=7", Ct)).StatusCode);
    }
}
