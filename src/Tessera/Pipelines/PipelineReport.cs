using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tessera.Pipelines;

/// <summary>The words a step's <c>status</c> takes.</summary>
public static class PipelineStepStatus
{
    public const string Ok = "ok";
    public const string Error = "error";

    /// <summary>Not run: an earlier step failed with <c>stop_on_error</c>.</summary>
    public const string Skipped = "skipped";
}

/// <summary>One step as the doc shows it: <c>{name, action, status, elapsed, output}</c>, plus <c>error</c> when it failed.</summary>
public sealed record PipelineStepReport(
    string Name, string Action, string Status, double Elapsed, JsonObject? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>The doc's <c>pipeline</c> object: counts, seconds elapsed, each step, and the last step's output as <c>result</c>.</summary>
public sealed record PipelineReport(
    [property: JsonPropertyName("steps_total")] int StepsTotal,
    [property: JsonPropertyName("steps_ok")] int StepsOk,
    [property: JsonPropertyName("steps_failed")] int StepsFailed,
    double Elapsed,
    IReadOnlyList<PipelineStepReport> Steps,
    JsonObject? Result);
