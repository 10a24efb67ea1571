using System.Diagnostics;
using System.Globalization;
using NetVips;
using Tessera.Imaging;

namespace Tessera.Benchmarks.Imaging;

/// <summary>
/// Imaging, one thread each side: pHash images/s on ~1 MB 1920×1280 JPEGs (procedural photos: smooth noise plus
/// grain); near-duplicate lookup p50/p99 among 100,000 hashes at d = 10; optimize 1920→800 WebP images/s with
/// ImageTransforms + ImageEncoder against the <c>vips thumbnail in.jpg out.webp 800</c> CLI on the same files in the
/// same run (one process at a time, so both single-threaded-ish: libvips' own threads are allowed on both sides).
/// Each figure is the median of <c>runs</c> runs; <c>uptime</c> is printed first.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- imaging [runs] [images]</c>.
/// </summary>
public static class ImagingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        Console.WriteLine($"load: {(await Run("uptime", "")).Trim()}");
        var directory = Directory.CreateTempSubdirectory("tessera-imaging-bench").FullName;
        try
        {
            var files = Enumerable.Range(0, count).Select(i => Path.Combine(directory, $"photo{i}.jpg")).ToArray();
            for (var i = 0; i < count; i++)
            {
                await File.WriteAllBytesAsync(files[i], Photo(1920, 1280, i));
            }

            Console.WriteLine($"{count} JPEGs, mean {files.Average(f => new FileInfo(f).Length) / 1e6:F2} MB");
            var data = files.Select(File.ReadAllBytes).ToArray();
            var limits = new ImagingOptions { MaxBytes = 20_000_000 };

            var phash = Median(runs, () => PerSecond(count, () =>
            {
                foreach (var bytes in data)
                {
                    _ = PerceptualHash.Compute(bytes, limits).Value;
                }
            }));
            Console.WriteLine($"pHash: {phash:F1} images/s (median of {runs})");

            var (p50, p99) = Lookups();
            Console.WriteLine($"near-duplicate lookup among 100,000 hashes, d = 10: p50 {p50:F3} ms, p99 {p99:F3} ms");

            var ours = Median(runs, () => PerSecond(count, () =>
            {
                foreach (var bytes in data)
                {
                    _ = ImageTransforms.Convert(bytes, ImageFormat.WebP, null, 800, null, limits).Value;
                }
            }));
            var vips = Median(runs, () => PerSecond(count, () =>
            {
                foreach (var file in files)
                {
                    Run("vips", $"thumbnail {file} {Path.ChangeExtension(file, ".webp")} 800").GetAwaiter().GetResult();
                }
            }));
            // One vipsthumbnail process for all the files: the CLI without its per-process start-up, the stricter reference.
            var batch = Median(runs, () => PerSecond(count, () =>
                Run("vipsthumbnail", $"-s 800 -o %s-batch.webp {string.Join(' ', files)}").GetAwaiter().GetResult()));
            Console.WriteLine($"optimize 1920->800 webp: Tessera {ours:F1} images/s, vips CLI {vips:F1} images/s, ratio {ours / vips:F2} (median of {runs})");
            Console.WriteLine($"  against one vipsthumbnail process for all files: {batch:F1} images/s, ratio {ours / batch:F2}");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (double P50, double P99) Lookups()
    {
        var random = new Random(1);
        using var index = new NearDuplicateIndex();
        var hashes = new ulong[100_000];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            index.Add(i, hashes[i]);
        }

        var times = new double[10_000];
        for (var i = 0; i < times.Length; i++)
        {
            var query = hashes[random.Next(hashes.Length)] ^ (1UL << random.Next(64)) ^ (1UL << random.Next(64));
            var started = Stopwatch.GetTimestamp();
            _ = index.Query(query, 10);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[times.Length / 2], times[(int)(times.Length * 0.99)]);
    }

    private static double PerSecond(int items, Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return items / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(int runs, Func<double> measure)
    {
        var values = Enumerable.Range(0, runs).Select(_ => measure()).Order().ToArray();
        return values[values.Length / 2];
    }

    private static async Task<string> Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    /// <summary>A photo-like JPEG (smooth colour waves plus grain, which makes it ~1 MB at q 92).</summary>
    internal static byte[] Photo(int width, int height, int seed)
    {
        var random = new Random(seed);
        var rgb = new byte[width * height * 3];
        var f = Enumerable.Range(0, 6).Select(_ => (0.002 + (random.NextDouble() * 0.02), random.NextDouble() * 6)).ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                for (var b = 0; b < 3; b++)
                {
                    var v = 128 + (70 * Math.Sin((x * f[b].Item1) + f[b].Item2)) + (50 * Math.Cos((y * f[b + 3].Item1) + f[b + 3].Item2));
                    rgb[i + b] = (byte)Math.Clamp(v + random.Next(-20, 21), 0, 255);
                }
            }
        }

        using var image = Image.NewFromMemory(rgb, width, height, 3, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.JpegsaveBuffer(q: 92);
    }
}
