using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tessera.Benchmarks.Http;
using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Hosting;
using Tessera.Imaging;
using Tessera.Storage;

namespace Tessera.Benchmarks.Canvas;

/// <summary>
/// Placements in process, on the embedded default (SQLite) with the Billion Satoshi canvas (50,000×20,000): 100,000
/// random non-overlapping squares of side 10-100 (one solid colour each) inserted in bulk, loaded by the node's feed,
/// then availability checks/s, nearest-free p50/p99 (targets inside taken squares), the full composite render, the
/// re-render after one new placement, cold deep-zoom tiles at several zooms, and process RSS.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- placements [count]</c>.
/// </summary>
public static class PlacementsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var data = Path.Combine(Path.GetTempPath(), "tessera-bench-placements-" + Guid.NewGuid().ToString("N"));
        await using var app = TesseraApp.Build(["--data", data, "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            var services = app.Services;
            var board = services.GetRequiredService<PlacementBoard>();
            var random = new Random(42);
            var layout = Layout(board, count, random);
            var clock = Stopwatch.StartNew();
            await InsertAsync(services.GetRequiredService<TesseraDatabase>(), board.Canvas, layout);
            Console.WriteLine($"bulk insert of {layout.Count} placements: {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
            await services.GetRequiredService<PlacementFeedReader>().CatchUpAsync(board, CancellationToken.None);
            Console.WriteLine($"feed load into the board: {clock.Elapsed.TotalSeconds:F1} s");

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            const int Checks = 2_000_000;
            var free = 0;
            clock.Restart();
            for (var i = 0; i < Checks; i++)
            {
                var size = random.Next(10, 101);
                free += board.IsFree(random.Next(0, 50_000 - size), random.Next(0, 20_000 - size), size, now) ? 1 : 0;
            }

            Console.WriteLine($"availability checks: {Checks / clock.Elapsed.TotalSeconds:F0}/s on one thread ({free * 100.0 / Checks:F0}% free)");

            var nearest = new List<double>();
            for (var i = 0; i < 2000; i++)
            {
                var (x, y, size) = layout[random.Next(layout.Count)];
                var wanted = random.Next(10, 101);
                var started = Stopwatch.GetTimestamp();
                board.Nearest(x + size / 2, y + size / 2, wanted, now);
                nearest.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            nearest.Sort();
            Console.WriteLine($"nearest free (target inside a taken square): p50 {nearest[nearest.Count / 2]:F3} ms, p99 {nearest[nearest.Count * 99 / 100]:F3} ms, max {nearest[^1]:F3} ms");

            var options = services.GetRequiredService<IOptions<PlacementOptions>>().Value;
            var imaging = services.GetRequiredService<IOptions<ImagingOptions>>().Value;
            var blobs = services.GetRequiredService<IBlobStore>();
            var full = new List<double>();
            PlacementRenderer renderer = null!;
            // The first renders run partly on tier-0 JIT code (tiering promotes the drawing loops only after ~100 ms of
            // calls); a server has long since promoted them when it renders, so those are reported apart.
            const int WarmUp = 4;
            for (var i = 0; i < WarmUp + 9; i++)
            {
                renderer = new PlacementRenderer(board, blobs, options, imaging, new global::Tessera.Canvas.CanvasDefinition().BackgroundRgb);
                clock.Restart();
                var png = await renderer.CompositeAsync(PlacementLayer.Public);
                full.Add(clock.Elapsed.TotalMilliseconds);
                if (i == 0)
                {
                    Console.WriteLine($"composite PNG: {png.Png.Length / 1024} KB; first render after start {full[0]:F1} ms");
                }
            }

            Console.WriteLine($"full composite render (draw + encode): median {LoadRunner.Median(full[WarmUp..]):F1} ms of {full.Count - WarmUp} after {WarmUp} warm-up renders (median of those {LoadRunner.Median(full[..WarmUp]):F1} ms)");

            var incremental = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var (x, y, size) = FreeSquare(board, random, now);
                board.Apply(Entry(1_000_000 + i, x, y, size, long.MaxValue, random));
                clock.Restart();
                await renderer.CompositeAsync(PlacementLayer.Public);
                incremental.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"composite re-render after one new placement: median {LoadRunner.Median(incremental):F2} ms");

            foreach (var z in new[] { 8, 6, 4, 3, 2, 0 })
            {
                var times = new List<double>();
                for (var i = 0; i < 10; i++)
                {
                    var pyramid = renderer.Pyramid;
                    var (tx, ty) = (random.Next(pyramid.Columns(z)), random.Next(pyramid.Rows(z)));
                    clock.Restart();
                    await renderer.TileAsync(z, tx, ty);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                Console.WriteLine($"deep-zoom tile z={z} (span {renderer.Pyramid.Span(z)} px, cold): median {LoadRunner.Median(times):F1} ms, max {times.Max():F1} ms");
            }

            GC.Collect();
            Console.WriteLine($"process RSS with {layout.Count} placements loaded and rendered: {Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0:F0} MB");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner.
            }
        }
    }

    /// <summary>Random squares of side 10-100 (tried at random spots until <paramref name="count"/> fit).</summary>
    private static List<(int X, int Y, int Size)> Layout(PlacementBoard board, int count, Random random)
    {
        var index = new PlacementIndex(board.Width, board.Height);
        var layout = new List<(int, int, int)>(count);
        while (layout.Count < count)
        {
            var size = random.Next(10, 101);
            int x = random.Next(0, board.Width - size), y = random.Next(0, board.Height - size);
            if (index.IsFree(x, y, size, 0))
            {
                index.Upsert(Entry(layout.Count + 1, x, y, size, 0, random));
                layout.Add((x, y, size));
            }
        }

        return layout;
    }

    private static (int X, int Y, int Size) FreeSquare(PlacementBoard board, Random random, long now)
    {
        while (true)
        {
            var size = random.Next(10, 101);
            int x = random.Next(0, board.Width - size), y = random.Next(0, board.Height - size);
            if (board.IsFree(x, y, size, now))
            {
                return (x, y, size);
            }
        }
    }

    private static PlacementEntry Entry(long pk, int x, int y, int size, long seq, Random random) =>
        new(pk, "plc_" + pk, x, y, size, PlacementStatus.Active, 0, seq, "none", null, Preview(size, random), null);

    private static byte[] Preview(int size, Random random)
    {
        var side = PlacementPreview.SideFor(size);
        var preview = new byte[side * side * 4];
        var (r, g, b) = ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        for (var i = 0; i < side * side; i++)
        {
            (preview[i * 4], preview[i * 4 + 1], preview[i * 4 + 2], preview[i * 4 + 3]) = (r, g, b, 255);
        }

        return preview;
    }

    private static async Task InsertAsync(TesseraDatabase database, string canvas, List<(int X, int Y, int Size)> layout)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection);
        await using var insert = connection.Command("""
            INSERT INTO placements (id, canvas, x, y, size, status, sats, image_hash, preview, payment_hash, invoice, expires_at, created_at, paid_at, updated_at, seq)
            VALUES (@id, @canvas, @x, @y, @size, 'active', @sats, 'none', @preview, @hash, 'lnbc', 0, 0, 0, 0, @seq)
            """, transaction)
            .With("@id", "").With("@canvas", canvas).With("@x", 0).With("@y", 0).With("@size", 0).With("@sats", 0L)
            .With("@preview", Array.Empty<byte>()).With("@hash", "").With("@seq", 0L);
        var random = new Random(1);
        for (var i = 0; i < layout.Count; i++)
        {
            var (x, y, size) = layout[i];
            insert.Parameters["@id"].Value = "plc_bench" + i;
            insert.Parameters["@x"].Value = x;
            insert.Parameters["@y"].Value = y;
            insert.Parameters["@size"].Value = size;
            insert.Parameters["@sats"].Value = (long)size * size;
            insert.Parameters["@preview"].Value = Preview(size, random);
            insert.Parameters["@hash"].Value = "hash" + i;
            insert.Parameters["@seq"].Value = (long)(i + 1);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
