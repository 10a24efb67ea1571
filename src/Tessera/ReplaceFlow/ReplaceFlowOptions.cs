namespace Tessera.ReplaceFlow;

/// <summary><c>Tessera:ReplaceFlow</c>: the bounds of one ReplaceFlow run and its web search engine (docs/replaceflow.md lists each).</summary>
public sealed class ReplaceFlowOptions
{
    public const string Section = "Tessera:ReplaceFlow";

    /// <summary>The largest article page read.</summary>
    public long MaxPageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The largest image read (the article's and every candidate).</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Images whose header declares more pixels than this are refused before decoding.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Without <c>og:image</c>, how many of the page's images are read to find the largest.</summary>
    public int MaxImageProbes { get; set; } = 6;

    /// <summary>Candidates examined at most (fetched, hashed, compared) across every source.</summary>
    public int MaxCandidates { get; set; } = 16;

    /// <summary>Time one run may take; candidates not examined by then are left out (the article's own reads are bounded by the outbound timeout).</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>OCR time one run may spend on the watermark detector (Tesseract runs one image at a time per node).</summary>
    public TimeSpan OcrBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest <c>max_results</c> (the doc: default 4, max 10).</summary>
    public int MaxResults { get; set; } = 10;

    public SerpApiOptions SerpApi { get; set; } = new();
}

/// <summary><c>Tessera:ReplaceFlow:SerpApi</c>: the reverse image engine, used only when <see cref="ApiKey"/> is set.</summary>
public sealed class SerpApiOptions
{
    /// <summary>The SerpApi key (the doc's <c>SERPAPI_API_KEY</c>); never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The search endpoint (SerpApi's; a compatible service or a test fake may stand in).</summary>
    public Uri Endpoint { get; set; } = new("https://serpapi.com/search.json");

    /// <summary>Image results taken from one search.</summary>
    public int MaxResults { get; set; } = 10;

    /// <summary>How long one search may take (SerpApi answers in 2–10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}
