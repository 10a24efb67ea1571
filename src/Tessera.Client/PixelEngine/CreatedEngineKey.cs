namespace Tessera.Client.PixelEngine;

/// <summary>A new key: <see cref="Key"/> is its full <c>pe_sk_</c> text, shown this once.</summary>
public sealed record CreatedEngineKey(string Id, string? Name, string Key, string Prefix, string Status, DateTimeOffset CreatedAt);
