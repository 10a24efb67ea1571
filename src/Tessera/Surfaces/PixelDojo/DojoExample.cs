namespace Tessera.Surfaces.PixelDojo;

/// <summary>Endpoint metadata: an example request body (null when the route takes none) and response, shown in llms.txt.</summary>
public sealed record DojoExample(string? Request, string Response);
