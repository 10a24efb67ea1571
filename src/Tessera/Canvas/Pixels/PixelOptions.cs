namespace Tessera.Canvas.Pixels;

/// <summary>
/// <c>Tessera:Canvas:Pixels</c>: what keeps a pixel canvas's storage bounded. The log keeps a tail of recent writes
/// (the change feed and stream replays read it); older writes live on only as a snapshot of the raster and as the
/// per-pixel history, which keeps <see cref="HistoryDepth"/> changes of each pixel. So disk stays near
/// canvas size × history depth, however long the canvas is written.
/// </summary>
public sealed class PixelOptions
{
    public const string Section = "Tessera:Canvas:Pixels";

    /// <summary>Changes kept per pixel in <c>pixel_history</c>; older ones are pruned by compaction.</summary>
    public int HistoryDepth { get; set; } = 10;

    /// <summary>Writes kept in the log behind the latest snapshot (a replay from further back is refused).</summary>
    public int KeptWrites { get; set; } = 10_000;

    /// <summary>How often a node snapshots the raster, trims the log and prunes history.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest link a pixel may carry, in UTF-8 bytes: a 1000-pixel bulk then adds at most ~0.5 MB of links.</summary>
    public int MaxLinkBytes { get; set; } = 512;

    /// <summary>
    /// History reads (<c>GET /omp/api/pixels/history</c>) running at once on this node; later ones wait their turn without
    /// holding a thread, so 30 callers at once cannot starve cheap requests (<c>/healthz</c>). Default: one core fewer than
    /// the machine has (at least one): on 2 cores, letting both run history reads put <c>/healthz</c> p99 at ~97 ms under
    /// the omp-abuse benchmark, one at a time 22 ms.
    /// </summary>
    public int MaxConcurrentHistoryReads { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);
}
