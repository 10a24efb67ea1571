using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Pipelines;

namespace Tessera.Benchmarks.Pipelines;

/// <summary>
/// Issue #14: "pipeline overhead per step with no-op actions (aim ≤ 1 ms)". In process, what <c>POST /api/pipeline</c>
/// does around its actions: parse and check the body's plan (names, params against the definitions, references), then
/// run it — resolve each step's references against earlier outputs, coerce the values, bound the step's time, report.
/// Ten steps, each a no-op answering a 20-item list that the next step references (<c>$prev.items</c>, and a nested
/// <c>$prev.items[3].url</c>). Figures: per step, median and p99 over <c>iterations</c> pipelines.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- pipeline [iterations]</c>.
/// </summary>
public static class PipelineBenchmark
{
    private const int Steps = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var actions = new PipelineActions([new NoopAction()]);
        var runner = new PipelineRunner(Options.Create(new PipelinesOptions()), TimeProvider.System, NullLogger<PipelineRunner>.Instance);
        var body = Body();
        var perStep = new double[iterations];
        for (var i = -500; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var plan = PipelinePlan.Parse(JsonNode.Parse(body), actions, Steps, _ => true).Value;
            var report = await runner.RunAsync("acct_bench", plan, _ => "", CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (report.StepsOk != Steps)
            {
                Console.Error.WriteLine("a step failed: " + report.Steps.First(step => step.Status != PipelineStepStatus.Ok).Error);
                return 1;
            }

            if (i >= 0)
            {
                perStep[i] = elapsed / Steps;
            }
        }

        Array.Sort(perStep);
        Console.WriteLine($"pipeline overhead per step ({Steps} no-op steps, parse + check + run, {iterations} pipelines, {Environment.ProcessorCount} cores): " +
                          $"median {perStep[iterations / 2] * 1000:F1} µs, p99 {perStep[(int)(iterations * 0.99)] * 1000:F1} µs (aim ≤ 1 ms)");
        return 0;
    }

    private static string Body()
    {
        var steps = new JsonArray { new JsonObject { ["name"] = "s0", ["action"] = "noop", ["params"] = new JsonObject { ["n"] = 20 } } };
        for (var i = 1; i < Steps; i++)
        {
            steps.Add(new JsonObject
            {
                ["name"] = $"s{i}",
                ["action"] = "noop",
                ["params"] = new JsonObject { ["items"] = $"$s{i - 1}.items", ["url"] = $"$s{i - 1}.items[3].url", ["n"] = 20 },
            });
        }

        return new JsonObject { ["steps"] = steps }.ToJsonString();
    }

    /// <summary>Does nothing but answer a list of <c>n</c> small objects, as a search answers images.</summary>
    private sealed class NoopAction : IPipelineAction
    {
        public PipelineActionDefinition Definition { get; } = new(
            "noop", "Answers n items.", "search",
            [
                new PipelineParam("items", PipelineParamType.List, "Ignored."),
                new PipelineParam("url", PipelineParamType.Url, "Ignored."),
                new PipelineParam("n", PipelineParamType.Integer, "Items to answer.", Default: 1, Minimum: 0, Maximum: 100),
            ],
            [new PipelineOutput("items", "array", "n items.")]);

        public Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
        {
            var items = new JsonArray();
            for (var i = 0; i < call.Int("n", 1); i++)
            {
                items.Add(new JsonObject { ["id"] = i, ["url"] = $"https://example.com/{i}.jpg", ["tags"] = new JsonArray("a", "b") });
            }

            return Task.FromResult<Result<JsonObject>>(new JsonObject { ["items"] = items });
        }
    }
}
