using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// Endpoint metadata: an example request body and response body (JSON text, or a line such as
/// <c>multipart/form-data: image (file), x, y</c>), read by the OpenAPI transformer, the llms.txt files and BSAP's
/// <c>/api</c> description, so every discovery document shows the same example the route was documented with.
/// </summary>
public sealed record ApiExample(string? Request, string? Response);

/// <summary>
/// Endpoint metadata: the body a handler reads by itself (a multipart form, a JSON object checked against a model
/// schema), for the OpenAPI request body only. Unlike <c>Accepts</c> it takes no part in routing, so a request with
/// another content type still reaches the handler and gets the surface's own 400 rather than a 415.
/// </summary>
public sealed record DocumentedRequestBody(Type Type, string ContentType);
