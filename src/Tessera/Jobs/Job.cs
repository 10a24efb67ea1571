using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Http;

namespace Tessera.Jobs;

/// <summary>A generation job as the surfaces see it (see docs/jobs.md for the lifecycle).</summary>
/// <param name="Cost">Credits held for the job (display units); posted on success, returned otherwise.</param>
/// <param name="Attempts">Attempts on the current engine of the model's chain (a fallback starts again at 0).</param>
/// <param name="Engine">The engine that made the outputs (or last tried, on failure).</param>
/// <param name="Metadata">What the engine reported (frames, fps, seed ...), or null.</param>
/// <param name="Expired">True once the outputs were deleted by the expiry sweep, or the job is terminal and past <see cref="ExpiresAt"/>.</param>
public sealed record Job(
    string Id,
    string Surface,
    string AccountId,
    string Model,
    JsonElement Input,
    string Status,
    int Attempts,
    int MaxAttempts,
    int EngineIndex,
    string? HoldId,
    decimal Cost,
    string? Engine,
    JsonObject? Metadata,
    string? ErrorCode,
    string? ErrorMessage,
    string? WebhookUrl,
    bool CancelRequested,
    bool HooksPending,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DeadlineAt,
    DateTimeOffset ExpiresAt,
    bool Expired,
    IReadOnlyList<JobOutput> Outputs)
{
    public bool IsTerminal => JobStatus.IsTerminal(Status);
}
