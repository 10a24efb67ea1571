namespace Tessera.Webhooks;

/// <summary>What one attempt came to, before it is written down with its message's next state.</summary>
internal sealed record AttemptOutcome(ClaimedMessage Message, DateTimeOffset StartedAt, int? StatusCode, int LatencyMs, string? Error, string? ResponseExcerpt)
{
    public bool Delivered => StatusCode is >= 200 and <= 299;
}
