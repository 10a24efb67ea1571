using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Http;

namespace Tessera.Jobs;

/// <summary>A job of any kind as the surfaces see it (see docs/jobs.md for the lifecycle).</summary>
/// <param name="Kind"><see cref="JobKinds.Generation"/>, or the kind of a registered <see cref="IJobHandler"/>.</param>
/// <param name="Model">The model a generation job runs; null for other kinds.</param>
/// <param name="Currency">The ledger currency of the price, or null for a job that costs nothing.</param>
/// <param name="Cost">The price held for the job (display units of <paramref name="Currency"/>); posted on success, returned otherwise.</param>
/// <param name="Attempts">Attempts on the current engine of the model's chain (a fallback starts again at 0).</param>
/// <param name="Engine">The engine that made the outputs (or last tried, on failure).</param>
/// <param name="Metadata">What the engine reported (frames, fps, seed ...), or null.</param>
/// <param name="Expired">True once the outputs were deleted by the expiry sweep, or the job is terminal and past <see cref="ExpiresAt"/>.</param>
public sealed record Job(
    string Id,
    string Kind,
    string Surface,
    string AccountId,
    string? Model,
    JsonElement Input,
    string Status,
    int Attempts,
    int MaxAttempts,
    int EngineIndex,
    string? HoldId,
    string? Currency,
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
