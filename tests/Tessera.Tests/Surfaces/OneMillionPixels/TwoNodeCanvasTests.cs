using System.Diagnostics;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Two servers on one database: each keeps its own raster current from the shared write log.</summary>
public sealed class TwoNodeCanvasTests : IAsyncLifetime
{
    private readonly TwoNodes _nodes = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task Paint_on_one_node_shows_on_the_other_and_both_keep_one_order()
    {
        _nodes.B.CreateClient(); // start node B before the claim, so it must learn the claim from the database
        var (_, ownerA) = await OmpTestHost.OwnerAsync(_nodes.A, 0, 0, 10, 10);
        var ownerB = _nodes.B.CreateClient();
        ownerB.DefaultRequestHeaders.Authorization = ownerA.DefaultRequestHeaders.Authorization;

        (await ownerA.PostAsJsonAsync("/omp/api/pixels", new { x = 1, y = 1, color = "#AA0000" }, Ct)).EnsureSuccessStatusCode();
        (await ownerB.PostAsJsonAsync("/omp/api/pixels", new { x = 1, y = 1, color = "#00BB00" }, Ct)).EnsureSuccessStatusCode();
        (await ownerA.PostAsJsonAsync("/omp/api/pixels", new { x = 2, y = 2, color = "#0000CC" }, Ct)).EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        string? seenOnA = null, seenOnB = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            seenOnA = await DescribeAsync(_nodes.A);
            seenOnB = await DescribeAsync(_nodes.B);
            if (seenOnA == seenOnB && seenOnA.Contains("2,2=#0000CC", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Equal("seq 3: 1,1=#00BB00 2,2=#0000CC", seenOnA);
        Assert.Equal(seenOnA, seenOnB);
    }

    private static async Task<string> DescribeAsync(TesseraFactory node)
    {
        var body = await (await node.CreateClient().GetAsync("/omp/api/pixels", Ct)).ReadJsonAsync();
        var pixels = body.GetProperty("pixels").EnumerateArray()
            .Select(p => $"{p.GetProperty("x").GetInt32()},{p.GetProperty("y").GetInt32()}={p.GetProperty("color").GetString()}");
        return $"seq {body.GetProperty("seq").GetInt64()}: {string.Join(' ', pixels)}";
    }
}
