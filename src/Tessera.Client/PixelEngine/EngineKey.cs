namespace Tessera.Client.PixelEngine;

/// <summary>A key as listed: never its text, only the prefix kept for identification; status is active or deactivated.</summary>
public sealed record EngineKey(string Id, string? Name, string Prefix, string Status, DateTimeOffset CreatedAt);
