namespace Tessera.Editing;

/// <summary><c>Tessera:Editing</c>: the Live Editor's limits (docs/pixels-ocean.md, "Live Editor").</summary>
public sealed class EditingOptions
{
    public const string Section = "Tessera:Editing";

    /// <summary>Layers per edit: 50 is far more than an editor page shows and bounds one render's work.</summary>
    public int MaxLayers { get; set; } = 50;

    /// <summary>Characters of one text layer.</summary>
    public int MaxTextLength { get; set; } = 500;

    /// <summary>The edited image's pixels (after crop and resize); 40 megapixels is ImagingOptions' decode bound too.</summary>
    public long MaxOutputPixels { get; set; } = 40_000_000;

    /// <summary>The edited image's longest side.</summary>
    public int MaxOutputSide { get; set; } = 10_000;

    /// <summary>
    /// A preview's longest side. 1000 rather than 1024: JPEG shrink-on-load decodes at 1/2, 1/4 or 1/8 and must stay at
    /// least the target, so a 4000-pixel photo (a 12-megapixel camera's side) decodes at 1/4 for 1000 but only at 1/2
    /// for 1024: four times the pixels (bench <c>editor</c>).
    /// </summary>
    public int PreviewMaxSide { get; set; } = 1000;

    /// <summary>Previews one account renders at once; more at the same moment are a 429 (the page debounces and retries).</summary>
    public int MaxConcurrentPreviewsPerAccount { get; set; } = 2;

    /// <summary>Shrunk base images kept in memory for the next preview of the same picture (a drag sends many).</summary>
    public int PreviewCacheEntries { get; set; } = 16;

    /// <summary>Media ids per batch.</summary>
    public int MaxBatchIds { get; set; } = 500;

    /// <summary>Batch jobs of one account queued or running at once.</summary>
    public int MaxActiveBatchesPerAccount { get; set; } = 2;

    /// <summary>How long a batch may run: 500 full-size renders at ~1 s each on a busy core fit in 30 minutes.</summary>
    public TimeSpan BatchDeadline { get; set; } = TimeSpan.FromMinutes(30);

    public int MaxTemplatesPerAccount { get; set; } = 200;

    public int MaxTemplateNameLength { get; set; } = 100;
}
