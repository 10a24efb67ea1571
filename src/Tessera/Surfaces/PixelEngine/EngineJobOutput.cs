using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>Signed links (valid 1 hour) to the animated GIF (or WebP) and the sprite sheet PNG, and what the engine made:
/// <c>metadata {frames, width, height, fps, motion, direction}</c> (width and height of one frame).</summary>
public sealed record EngineJobOutput(
    string? Url,
    [property: JsonPropertyName("spritesheet_url")] string? SpritesheetUrl,
    JsonObject Metadata);
