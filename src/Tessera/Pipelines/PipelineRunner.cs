using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Media;

namespace Tessera.Pipelines;

/// <summary>
/// Runs a checked <see cref="PipelinePlan"/> in order: each step's references are resolved against the outputs before
/// it, the values are checked against the action's params (a reference can bring a value of the wrong kind), and the
/// action runs under the step's time bound. A failed step is reported with its reason; with <c>stop_on_error</c> the
/// rest are skipped, without it a step that references a failed step fails too. An action that throws is a failed
/// step (logged), never a failed request.
/// </summary>
public sealed class PipelineRunner(IOptions<PipelinesOptions> options, TimeProvider time, ILogger<PipelineRunner> logger)
{
    public async Task<PipelineReport> RunAsync(string accountId, PipelinePlan plan, Func<MediaAsset, string> assetUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var settings = options.Value;
        using var whole = new CancellationTokenSource(settings.Timeout, time);
        using var pipeline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, whole.Token);
        var started = Stopwatch.GetTimestamp();
        var outputs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var reports = new List<PipelineStepReport>(plan.Steps.Count);
        var stopped = false;
        foreach (var step in plan.Steps)
        {
            var name = step.Action.Definition.Name;
            if (stopped)
            {
                reports.Add(new PipelineStepReport(step.Name, name, PipelineStepStatus.Skipped, 0, null, "Not run: an earlier step failed (stop_on_error)."));
                continue;
            }

            var stepStarted = Stopwatch.GetTimestamp();
            var (output, error) = await RunStepAsync(accountId, step, outputs, assetUrl, whole, pipeline.Token);
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = Seconds(stepStarted);
            if (output is not null)
            {
                outputs[step.Name] = output;
                reports.Add(new PipelineStepReport(step.Name, name, PipelineStepStatus.Ok, elapsed, output, null));
            }
            else
            {
                reports.Add(new PipelineStepReport(step.Name, name, PipelineStepStatus.Error, elapsed, null, error));
                stopped = plan.StopOnError;
            }
        }

        var ok = reports.Count(report => report.Status == PipelineStepStatus.Ok);
        var failed = reports.Count(report => report.Status == PipelineStepStatus.Error);
        var last = reports[^1];
        return new PipelineReport(reports.Count, ok, failed, Seconds(started), reports,
            last.Status == PipelineStepStatus.Ok ? last.Output!.DeepClone().AsObject() : null);
    }

    private async Task<(JsonObject? Output, string? Error)> RunStepAsync(
        string accountId, PipelineStep step, Dictionary<string, JsonObject> outputs, Func<MediaAsset, string> assetUrl,
        CancellationTokenSource whole, CancellationToken pipeline)
    {
        var definition = step.Action.Definition;
        var args = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var param in definition.Params)
        {
            JsonNode? value;
            var given = step.Params.TryGetValue(param.Name, out var raw);
            if (given && PipelineReference.Of(raw, out _) is { } reference)
            {
                if (!outputs.TryGetValue(reference.Step, out var source))
                {
                    return (null, $"Param '{param.Name}': {reference.Text} has no value: step '{reference.Step}' failed.");
                }

                value = reference.Resolve(source);
                if (value is null)
                {
                    return (null, $"Param '{param.Name}': {reference.Text} has no value in step '{reference.Step}''s output.");
                }
            }
            else
            {
                value = given ? PipelineReference.Literal(raw) : param.Default?.DeepClone();
            }

            var (coerced, problem) = param.Coerce(value);
            if (problem is not null)
            {
                return (null, $"Param '{param.Name}' {problem}.");
            }

            if (coerced is not null)
            {
                args[param.Name] = coerced;
            }
        }

        if (whole.IsCancellationRequested)
        {
            return (null, $"Not run: the pipeline reached its time bound ({options.Value.Timeout.TotalSeconds:0} s).");
        }

        using var bound = new CancellationTokenSource(options.Value.StepTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(pipeline, bound.Token);
        try
        {
            var result = await step.Action.RunAsync(new PipelineCall(accountId, args, assetUrl), linked.Token);
            return result.IsSuccess ? (result.Value, null) : (null, result.Error.Message);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested || whole.IsCancellationRequested)
        {
            return (null, $"Timed out after {(bound.IsCancellationRequested ? options.Value.StepTimeout : options.Value.Timeout).TotalSeconds:0} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.StepCrashed(logger, step.Name, definition.Name, exception);
            return (null, "The step failed unexpectedly; the error is logged.");
        }
    }

    private static double Seconds(long since) => Math.Round(Stopwatch.GetElapsedTime(since).TotalSeconds, 3);
}
