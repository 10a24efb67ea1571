namespace Tessera.Webhooks;

/// <summary>What one attempt came to, before it is written down with its message's next state.</summary>
/// <param name="Final">The attempt was refused by the outbound policy (address or URL): retrying cannot help, so the
/// message fails at once with that reason.</param>
internal sealed record AttemptOutcome(
    ClaimedMessage Message, DateTimeOffset StartedAt, int? StatusCode, int LatencyMs, string? Error, string? ResponseExcerpt, bool Final = false)
{
    public bool Delivered => StatusCode is >= 200 and <= 299;
}
