namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// <c>Tessera:OneMillionPixels:Stream</c>: the bounds of <c>GET /api/pixels/stream</c> (and of <c>?since=</c> on
/// <c>GET /api/pixels</c>, which replays the same log). Every default holds memory per node to a few MB under abuse.
/// </summary>
public sealed class OmpStreamOptions
{
    public const string Section = "Tessera:OneMillionPixels:Stream";

    /// <summary>Streams open at once from one client IP (IPv6: its /64). A browser tab needs one.</summary>
    public int MaxPerIp { get; set; } = 4;

    /// <summary>Streams open at once on this node.</summary>
    public int MaxTotal { get; set; } = 1000;

    /// <summary>Writes queued for one stream; a client that lets more pile up is sent <c>event: resync</c> and cut off.</summary>
    public int QueueLength { get; set; } = 256;

    /// <summary>Most writes a <c>since</c> / <c>Last-Event-ID</c> may lie behind the current seq (older: 410 <c>since_too_old</c>).</summary>
    public int MaxReplay { get; set; } = 1000;

    /// <summary>
    /// Replays running at once on this node; later ones wait their turn (their live queue keeps filling meanwhile).
    /// A replaying stream holds up to <see cref="ReplayPage"/> decoded writes (~0.3 MB each for a 1000-pixel bulk with links).
    /// </summary>
    public int MaxConcurrentReplays { get; set; } = 4;

    /// <summary>Log rows a replay reads per query.</summary>
    public int ReplayPage { get; set; } = 4;

    /// <summary>How long a stream cut off for falling behind waits for its <c>resync</c> event to leave before the connection is aborted.</summary>
    public TimeSpan ResyncTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Retry-After</c> of a 429 <c>too_many_streams</c>, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 10;
}
