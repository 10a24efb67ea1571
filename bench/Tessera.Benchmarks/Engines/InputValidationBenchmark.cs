using System.Diagnostics;
using System.Text.Json;
using NJsonSchema;
using Tessera.Engines;
using Tessera.Engines.Models;

namespace Tessera.Benchmarks.Engines;

/// <summary>
/// In process: one job input checked against the default image schema with the cached schema
/// (<see cref="ModelInputValidator.Validate"/>) against parsing the schema text on every call, and the bytes allocated
/// per call. Payload: <c>{prompt (60 chars), aspect_ratio, num_outputs, seed, webhook_url}</c>.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- schema [iterations]</c>.
/// </summary>
public static class InputValidationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var model = new ModelDefinition { Id = "bench", OutputKind = OutputRoles.Image };
        using var document = JsonDocument.Parse("""
            {"prompt":"A fantasy castle on a cliff at sunset, volumetric light, pixel","aspect_ratio":"16:9",
             "num_outputs":2,"seed":42,"webhook_url":"https://example.com/webhook"}
            """);
        var input = document.RootElement;

        Measure("cached schema", iterations, () => ModelInputValidator.Validate(model, input));
        var parseIterations = Math.Max(1, iterations / 20);
        await MeasureAsync("schema parsed per call", parseIterations, async () =>
        {
            var schema = await JsonSchema.FromJsonAsync(DefaultSchemas.Image);
            schema.Validate(input.GetRawText());
        });
        return 0;
    }

    private static void Measure(string name, int iterations, Action action)
    {
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        Report(name, iterations, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    private static async Task MeasureAsync(string name, int iterations, Func<Task> action)
    {
        for (var i = 0; i < 20; i++)
        {
            await action();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            await action();
        }

        Report(name, iterations, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static void Report(string name, int iterations, TimeSpan elapsed, long bytes) =>
        Console.WriteLine($"{name,-24} {elapsed.TotalMicroseconds / iterations,10:F1} µs/call {bytes / iterations,10:N0} B/call ({iterations} calls)");
}
