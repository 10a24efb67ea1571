namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// The JSON body of <c>POST /animate</c>, for its OpenAPI request body: the handler reads the object itself and checks it
/// against the animate model's schema (docs/engines-local.md gives the bounds).
/// </summary>
/// <param name="Image">Base64 (or a <c>data:</c> URL) PNG, JPEG, GIF or WebP sprite, required.</param>
/// <param name="Prompt">Motion and direction words ("a character walking left").</param>
/// <param name="Frames">2–32, default 8.</param>
/// <param name="Fps">1–50, default 12.</param>
/// <param name="Format"><c>gif</c> (default) or <c>webp</c>.</param>
/// <param name="Facing"><c>left</c> or <c>right</c> (default): the way the sprite faces as drawn.</param>
public sealed record AnimateRequest(string Image, string? Prompt, int? Frames, int? Fps, string? Format, string? Facing);
