using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Vision;
using Tessera.Vision.Local;

namespace Tessera.Benchmarks.Vision;

/// <summary>
/// The local vision engine end to end through <see cref="VisionService"/> (decode + 512×512 resize in C#, the frame
/// over the pipe, CenterNet in one single-threaded Node worker): images labelled per second, the worker's model load
/// time (start to ready, as the worker measures it, and the first call's wall time), its resident memory after the run,
/// and its CPU seconds per image (≈ wall time per image means one core). Each run starts a fresh worker; figures are
/// medians of <c>runs</c>. Photos: Debian's python3-skimage data files. <c>uptime</c> is printed first.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- vision [runs] [images]</c>.
/// </summary>
public static class VisionBenchmark
{
    private static readonly string[] Photos = ["astronaut.png", "coffee.png", "motorcycle_left.png", "chelsea.png", "camera.png", "rocket.jpg"];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24;
        var photos = Photos.Select(name => Path.Combine("/usr/lib/python3/dist-packages/skimage/data", name)).Where(File.Exists).Select(File.ReadAllBytes).ToArray();
        if (photos.Length == 0)
        {
            Console.Error.WriteLine("no photos: apt-get install python3-skimage");
            return 1;
        }

        Console.WriteLine($"load: {(await Uptime()).Trim()}");
        Console.WriteLine($"{photos.Length} photos ({string.Join(", ", Photos.Take(photos.Length))}), {count} labels per run, {runs} runs, 1 worker");
        var rates = new List<double>();
        var loads = new List<double>();
        var firstCalls = new List<double>();
        var rss = new List<double>();
        var cpuPerImage = new List<double>();
        var labelsPerImage = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            using var host = Host();
            await host.StartAsync();
            var vision = host.Services.GetRequiredService<VisionService>();
            var engine = host.Services.GetRequiredService<LocalVisionEngine>();
            if (!vision.Available)
            {
                Console.Error.WriteLine("local engine unavailable: " + vision.UnavailableReason);
                return 1;
            }

            var clock = Stopwatch.StartNew();
            var first = await vision.LabelAsync(photos[0], CancellationToken.None);
            firstCalls.Add(clock.Elapsed.TotalMilliseconds);
            if (!first.IsSuccess)
            {
                Console.Error.WriteLine($"{first.Error.Code}: {first.Error.Message}");
                return 1;
            }

            var worker = engine.RunningWorkers.Single();
            loads.Add(worker.LoadMilliseconds);
            var cpuBefore = CpuSeconds(worker.ProcessId);
            var labels = 0;
            clock.Restart();
            for (var i = 0; i < count; i++)
            {
                labels += (await vision.LabelAsync(photos[i % photos.Length], CancellationToken.None)).Value.Labels.Count;
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            rates.Add(count / elapsed);
            cpuPerImage.Add((CpuSeconds(worker.ProcessId) - cpuBefore) / count * 1000);
            labelsPerImage.Add((double)labels / count);
            rss.Add(engine.RunningWorkers.Single().ResidentBytes / 1048576.0);
            Console.WriteLine($"  run {run + 1}: {count / elapsed:F2} images/s, load {worker.LoadMilliseconds} ms, first call {firstCalls[^1]:F0} ms, RSS {rss[^1]:F0} MB, worker CPU {cpuPerImage[^1]:F0} ms/image");
            if (run == 0)
            {
                Console.WriteLine($"  e.g. {string.Join(", ", first.Value.Labels.Select(l => $"{l.Label} {l.Score:F2}"))}");
            }

            await host.StopAsync();
        }

        Console.WriteLine($"labels: {Median(rates):F2} images/s ({1000 / Median(rates):F0} ms/image wall), {Median(labelsPerImage):F1} labels/image kept (median of {runs})");
        Console.WriteLine($"worker CPU: {Median(cpuPerImage):F0} ms/image (≈ wall time: one core)");
        Console.WriteLine($"model load (worker start to ready): {Median(loads):F0} ms; first call (start + load + one image): {Median(firstCalls):F0} ms");
        Console.WriteLine($"worker RSS after the run: {Median(rss):F0} MB");
        return 0;
    }

    private static IHost Host()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Tessera:Vision:Engines:0", "local")]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddVision();
        return builder.Build();
    }

    /// <summary>utime + stime of a process, from /proc (clock ticks of 1/100 s on Linux).</summary>
    private static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<string> Uptime()
    {
        using var process = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
