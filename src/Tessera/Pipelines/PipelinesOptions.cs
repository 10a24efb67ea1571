using System.ComponentModel.DataAnnotations;

namespace Tessera.Pipelines;

/// <summary><c>Tessera:Pipelines</c>: the bounds of one <c>POST /api/pipeline</c> (docs/pipelines.md).</summary>
public sealed class PipelinesOptions
{
    public const string Section = "Tessera:Pipelines";

    /// <summary>Steps one pipeline may have.</summary>
    [Range(1, 100)]
    public int MaxSteps { get; set; } = 10;

    /// <summary>The longest one step may run before it fails as timed out.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The longest a whole pipeline may run: steps not started by then are failed as timed out.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Pipelines one account may run at once (each holds a request open and may scrape): more is a 429.</summary>
    [Range(1, 100)]
    public int MaxConcurrentPerAccount { get; set; } = 2;
}
