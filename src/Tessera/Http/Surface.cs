namespace Tessera.Http;

/// <summary>One seed API mounted under its path base (configurable: <c>Tessera:Surfaces:{Name}:PathBase</c>).</summary>
/// <param name="Name">Configuration and OpenAPI name (<c>dojo</c>, <c>engine</c> ...).</param>
/// <param name="PathBase">Where its routes live, e.g. <c>/dojo</c>.</param>
/// <param name="ErrorShape">The error body its doc documents.</param>
/// <param name="AcceptsBodyApiKey">Whether a JSON body field <c>api_key</c> authenticates (the ocean doc allows it).</param>
public sealed record Surface(string Name, string PathBase, IErrorShape ErrorShape, bool AcceptsBodyApiKey = false);
