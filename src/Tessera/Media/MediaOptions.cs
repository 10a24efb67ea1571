namespace Tessera.Media;

/// <summary><c>Tessera:Media</c>: the media library's limits (docs/pixels-ocean.md lists them).</summary>
public sealed class MediaOptions
{
    public const string Section = "Tessera:Media";

    /// <summary>Largest upload, in bytes (a phone video or a long PDF fits; a disk image does not).</summary>
    public long MaxUploadBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Images whose header declares more pixels than this are refused before decoding (decompression bombs).</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    /// <summary>The decoding bounds every image the library reads gets: its upload size and <see cref="MaxImagePixels"/>.</summary>
    public Imaging.ImagingOptions ImageLimits => new() { MaxBytes = MaxUploadBytes, MaxPixels = MaxImagePixels };

    /// <summary>Assets an account may keep (trash included): bounds one account's share of the disk and the indexes.</summary>
    public int MaxAssetsPerAccount { get; set; } = 100_000;

    public int MaxTagsPerAsset { get; set; } = 50;

    public int MaxTagLength { get; set; } = 64;

    public int MaxNameLength { get; set; } = 200;

    public int MaxFoldersPerAccount { get; set; } = 1_000;

    public int MaxCollectionsPerAccount { get; set; } = 1_000;

    public int MaxStockListsPerAccount { get; set; } = 200;

    public int MaxItemsPerStockList { get; set; } = 500;

    /// <summary>Items one stock save fetches (each through the outbound client, one after another): bounds the request's time.</summary>
    public int MaxStockSavePerCall { get; set; } = 20;

    /// <summary>Ids one bulk call or one "add items" call may name.</summary>
    public int MaxIdsPerCall { get; set; } = 500;

    /// <summary>How long trashed assets are kept before they are purged for good.</summary>
    public TimeSpan TrashRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the trash is emptied of what outlived <see cref="TrashRetention"/>.</summary>
    public TimeSpan TrashSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the analysis worker looks for assets other nodes uploaded (this node's uploads wake it at once).</summary>
    public TimeSpan AnalysisPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a job's signed file and ZIP links (<c>download_url</c>) open without a key. Links are made to
    /// end on a whole hour, so polling a job hands out the same URL for up to an hour (a client or proxy can cache it).</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromDays(1);
}
