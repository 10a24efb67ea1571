namespace Tessera.Http;

/// <summary>
/// What a surface registers about itself (<see cref="SurfaceExtensions.AddSurface"/>), so that adding a surface adds a
/// folder under <c>Surfaces/</c> and one registration, and no lower folder changes: the registry, the error handler, the
/// authentication handler, the OpenAPI documents and the route mapping all read the descriptors.
/// </summary>
/// <param name="Name">Configuration and OpenAPI document name (<c>dojo</c>, <c>engine</c> ...).</param>
/// <param name="DefaultPathBase">Where its routes live unless <c>Tessera:Surfaces:{Name}:PathBase</c> says otherwise.</param>
/// <param name="ErrorShape">The error body its doc documents.</param>
public sealed record SurfaceDescriptor(string Name, string DefaultPathBase, IErrorShape ErrorShape)
{
    /// <summary>Whether a JSON body field <c>api_key</c> authenticates (the ocean doc allows it).</summary>
    public bool AcceptsBodyApiKey { get; init; }

    /// <summary>False for the operator API, whose path base is fixed (<c>/admin/v1</c>).</summary>
    public bool PathBaseConfigurable { get; init; } = true;

    /// <summary>Whether its OpenAPI document is public and listed on <c>/docs</c> (the operator's is not).</summary>
    public bool PublicDocument { get; init; } = true;

    /// <summary>Maps its routes; null while a surface has none yet (its path base still answers in its error shape).</summary>
    public Action<IEndpointRouteBuilder>? Map { get; init; }
}
