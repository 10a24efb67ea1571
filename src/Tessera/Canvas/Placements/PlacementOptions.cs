namespace Tessera.Canvas.Placements;

/// <summary><c>Tessera:Canvas:Placements</c>: the rules of the placement canvas (Billion Satoshi).</summary>
public sealed class PlacementOptions
{
    public const string Section = "Tessera:Canvas:Placements";

    /// <summary>The placement-mode canvas (from <see cref="CanvasOptions"/>) these placements are sold on.</summary>
    public string Canvas { get; set; } = "bsap";

    /// <summary>The smallest side a placement may have.</summary>
    public int MinSize { get; set; } = 10;

    /// <summary>The largest side; 0 means the canvas's shorter side.</summary>
    public int MaxSize { get; set; }

    public long SatsPerPixel { get; set; } = 1;

    /// <summary>How long an unpaid reservation (its invoice) lives (DECISIONS: 15 minutes).</summary>
    public TimeSpan InvoiceExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Unpaid reservations one IP, or one account, may hold at once (DECISIONS: 3).</summary>
    public int MaxUnpaidPerReserver { get; set; } = 3;

    /// <summary>
    /// Pixels of unpaid reservations one IP may hold at once, the new one included; 0 means a tenth of the canvas
    /// (100,000,000 on 50,000×20,000: one 10,000² square). Without it three free reservations, renewed every
    /// 15 minutes, held 90% of the canvas (issue #11). It also bounds the largest square one IP can reserve.
    /// </summary>
    public long MaxUnpaidPixelsPerIp { get; set; }

    /// <summary>Pixels of unpaid reservations one account may hold at once; 0 means a tenth of the canvas.</summary>
    public long MaxUnpaidPixelsPerAccount { get; set; }

    /// <summary>Distinct IPs that must flag an active placement before it is hidden pending review.</summary>
    public int HideAfterFlags { get; set; } = 5;

    public int MaxUrlLength { get; set; } = 2048;

    public int MaxMessageLength { get; set; } = 500;

    public int MaxAgentIdentityLength { get; set; } = 200;

    /// <summary>The stored, sanitized image is at most this many pixels square (min(size, this)).</summary>
    public int MaxStoredImageSide { get; set; } = 1024;

    /// <summary>Canvas pixels per pixel of the composite PNG (1:50 makes 50,000×20,000 a 1000×400 image).</summary>
    public int CompositeScale { get; set; } = 50;

    /// <summary>How often each node polls the change feed for other nodes' writes.</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often expired reservations are marked <c>expired</c>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes of decoded placement images the tile renderer keeps (LRU).</summary>
    public long DecodedImageCacheBytes { get; set; } = 64L * 1024 * 1024;
}
