namespace Tessera.Outbound;

/// <summary>Per-request overrides of <see cref="OutboundOptions"/>; a null field keeps the configured value.</summary>
public sealed record OutboundLimits
{
    public long? MaxResponseBytes { get; init; }

    public TimeSpan? Timeout { get; init; }

    public int? MaxRedirects { get; init; }

    /// <summary>
    /// False returns a 3xx response as it is instead of following it (webhooks: Standard Webhooks counts a redirect
    /// as a failed delivery, the URL should be updated instead).
    /// </summary>
    public bool FollowRedirects { get; init; } = true;
}
