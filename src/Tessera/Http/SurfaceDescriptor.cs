namespace Tessera.Http;

/// <summary>
/// What a surface registers about itself (<see cref="SurfaceExtensions.AddSurface"/>), so that adding a surface adds a
/// folder under <c>Surfaces/</c> and one registration, and no lower folder changes: the registry, the error handler, the
/// authentication handler, the rate limits, the OpenAPI documents, the home page, the web pages and the route mapping
/// all read the descriptors (docs/architecture.md, "The surface descriptor").
/// </summary>
/// <param name="Name">Configuration and OpenAPI document name (<c>dojo</c>, <c>engine</c> ...).</param>
/// <param name="DefaultPathBase">Where its routes live unless <c>Tessera:Surfaces:{Name}:PathBase</c> says otherwise.</param>
/// <param name="ErrorShape">The error body its doc documents.</param>
public sealed record SurfaceDescriptor(string Name, string DefaultPathBase, IErrorShape ErrorShape)
{
    /// <summary>The path of every surface's OpenAPI alias below its base (<c>/omp/openapi.json</c> …).</summary>
    public const string OpenApiPath = "/openapi.json";

    /// <summary>Its name for people and agents ("PixelDojo"): the home page's label and, prefixed, its OpenAPI title.</summary>
    public string? Title { get; init; }

    /// <summary>The OpenAPI document's title and the name <c>/docs</c> lists it under: "Tessera — PixelDojo".</summary>
    public string DocumentTitle => $"Tessera — {Title ?? Name}";

    /// <summary>
    /// The prefix of keys made for or through it, as its docs show them (Pixel Engine's <c>pe_sk_</c>); null: the default
    /// <c>tsk_</c>. Any prefix authenticates on every surface.
    /// </summary>
    public string? KeyPrefix { get; init; }

    /// <summary>Whether a JSON body field <c>api_key</c> authenticates (the ocean doc allows it).</summary>
    public bool AcceptsBodyApiKey { get; init; }

    /// <summary>False for the operator API, whose path base is fixed (<c>/admin/v1</c>).</summary>
    public bool PathBaseConfigurable { get; init; } = true;

    /// <summary>Whether its OpenAPI document is public, listed on <c>/docs</c> and on the home page (the operator's is not).</summary>
    public bool PublicDocument { get; init; } = true;

    /// <summary>
    /// The seed doc's section names its operations are grouped under (the OpenAPI tags), so an agent that knows the
    /// original service's docs finds each route under the heading it expects. Every operation carries one of these.
    /// </summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    /// <summary>
    /// The rate policies its routes name, with the limits its seed doc publishes (or Tessera's own where the seed names
    /// none), so a fresh server enforces them with no configuration. A policy configured under the same name replaces
    /// the default whole (docs/rate-limits.md).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RateRule>> RatePolicies { get; init; } = new Dictionary<string, IReadOnlyList<RateRule>>();

    /// <summary>
    /// Its web page folder (<c>wwwroot/{folder}/</c>): <c>{pathBase}/</c> serves its <c>index.html</c>, every other file
    /// is served at <c>{pathBase}/{name}</c>, with the site icons; null when the surface has no page.
    /// </summary>
    public WebAssets? Web { get; init; }

    /// <summary>Its own discovery document below its base: the seed's where the seed has one (OMP SKILL.md, BSAP's API JSON), else llms.txt.</summary>
    public string? Guide { get; init; }

    /// <summary>Its llms.txt below its base, where it has one.</summary>
    public string? LlmsText { get; init; }

    /// <summary>Its web page below its base (<c>""</c>: the base itself), where it has one.</summary>
    public string? Page => Web is null ? null : "";

    /// <summary>Maps its routes; null while a surface has none yet (its path base still answers in its error shape).</summary>
    public Action<IEndpointRouteBuilder>? Map { get; init; }
}
