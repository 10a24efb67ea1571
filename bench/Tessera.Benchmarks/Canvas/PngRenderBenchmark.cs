using System.Diagnostics;
using Tessera.Benchmarks.Http;
using Tessera.Canvas;
using Tessera.Canvas.Pixels;

namespace Tessera.Benchmarks.Canvas;

/// <summary>
/// The canvas PNG encoder alone, in process: re-encoding after a write that dirties every band (1000 random pixels on
/// a canvas of noise) and after one that dirties a single band. Run: <c>... -- png</c>.
/// </summary>
public static class PngRenderBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var state = new CanvasState("omp", new CanvasDefinition { Width = 1000, Height = 1000 });
        var random = new Random(1);
        long seq = 0;
        for (var y = 0; y < 1000; y++)
        {
            state.Apply(new PixelEvent("omp", ++seq, "acc", DateTimeOffset.UtcNow,
                [.. Enumerable.Range(0, 1000).Select(x => new PixelChange(x, y, (uint)random.Next(1 << 24), null))]));
        }

        state.RenderPng();
        foreach (var (name, scattered) in new[] { ("1000 random pixels, every band dirty", true), ("1000 pixels in one 100x10 block", false) })
        {
            var times = new List<double>();
            for (var i = 0; i < 40; i++)
            {
                var y0 = (i * 10) % 1000;
                state.Apply(new PixelEvent("omp", ++seq, "acc", DateTimeOffset.UtcNow, [.. Enumerable.Range(0, 1000).Select(p => scattered
                    ? new PixelChange(random.Next(1000), random.Next(1000), (uint)random.Next(1 << 24), null)
                    : new PixelChange(200 + p % 100, y0 + p / 100, (uint)random.Next(1 << 24), null))]));
                var clock = Stopwatch.StartNew();
                state.RenderPng();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"PNG re-render after a write ({name}): median {LoadRunner.Median(times):F2} ms, PNG {state.RenderPng().Png.Length / 1024} KB");
        }

        return Task.FromResult(0);
    }
}
