namespace Tessera.Generation;

/// <summary>
/// <c>Tessera:Generation</c>: which providers make pictures for Pixels Ocean's <c>/api/generate</c> and <c>/api/replace/*</c>,
/// in which order, and the bounds of a request. See docs/pixels-ocean.md, "Generation".
/// </summary>
public sealed class GenerationOptions
{
    public const string Section = "Tessera:Generation";

    /// <summary>The name of the built-in provider: the local procedural engine, offline, always available.</summary>
    public const string LocalProvider = "local";

    /// <summary>
    /// The providers tried in turn, comma-separated names of <see cref="Providers"/> (and <see cref="LocalProvider"/>); the
    /// first that succeeds answers. Default <c>local</c>, so generation works offline; an empty value means none is
    /// configured and generation answers 503. Example: <c>imagen4,dalle3,flux2pro,local</c>.
    /// </summary>
    public string Order { get; set; } = LocalProvider;

    /// <summary>Named providers, each an engine of <c>Tessera:Engines:Providers</c> with the title images carry.</summary>
    public Dictionary<string, GenerationProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Pixels on the long side of the local engine's images (landscape 16:9, portrait 9:16, square 1:1).</summary>
    public int LocalLongSide { get; set; } = 1024;

    /// <summary>The largest image accepted from a provider; a bigger one fails that provider and the next is tried.</summary>
    public long MaxImageBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>The longest prompt (or description) in characters.</summary>
    public int MaxPromptLength { get; set; } = 2000;

    /// <summary>One provider's attempt in a request; past it the next provider is tried.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Generations this node runs at once (each request's images count as one); the others wait their turn.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Descriptions in one <c>/api/replace/batch</c> (the doc: up to 10).</summary>
    public int MaxBatchDescriptions { get; set; } = 10;

    /// <summary>Descriptions of one batch generated at the same time.</summary>
    public int BatchParallelism { get; set; } = 3;

    /// <summary>Images in one batch answer (descriptions × count), so a sync answer stays bounded.</summary>
    public int MaxBatchImages { get; set; } = 10;

    /// <summary>Queued generations (<c>/api/replace/generate</c>) of one account waiting or running at once.</summary>
    public int MaxQueuedPerAccount { get; set; } = 5;

    /// <summary>Style slugs that need unlocking (answered 403 until #15's economy unlocks them per account). Default: none.</summary>
    public List<string> LockedStyles { get; set; } = [];

    /// <summary>Group of the library assets that queued generations store.</summary>
    public string LibraryGroup { get; set; } = "generated";

    /// <summary>The provider names of <see cref="Order"/>, trimmed, empty ones dropped.</summary>
    public IReadOnlyList<string> OrderedNames =>
        [.. Order.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>One provider of <see cref="GenerationOptions.Providers"/>.</summary>
public sealed class GenerationProviderOptions
{
    /// <summary>Required: the engine that runs it, a name of <c>Tessera:Engines:Providers</c> (or a built-in engine).</summary>
    public string Engine { get; set; } = "";

    /// <summary>The provider model (<c>imagen-4.0-fast-generate-001</c>, <c>dall-e-3</c>); empty uses the engine's <c>Model</c>.</summary>
    public string Model { get; set; } = "";

    /// <summary>What image titles say (<c>Imagen 4</c> → "Imagen 4 — Variation 1"); empty uses the provider's name.</summary>
    public string Title { get; set; } = "";
}
