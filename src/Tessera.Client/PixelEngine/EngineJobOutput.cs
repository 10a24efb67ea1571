namespace Tessera.Client.PixelEngine;

/// <summary>A successful job's signed links (valid 1 hour from the read that returned them) and its metadata.</summary>
/// <param name="Url">The animated GIF (or WebP when asked).</param>
/// <param name="SpritesheetUrl">The sprite sheet PNG: the frames left to right.</param>
public sealed record EngineJobOutput(string Url, string SpritesheetUrl, EngineJobMetadata Metadata);
