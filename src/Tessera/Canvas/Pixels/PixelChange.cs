namespace Tessera.Canvas.Pixels;

/// <summary>
/// One pixel of a write: what it sets. A field left out leaves that attribute as it was (DECISIONS.md);
/// <see cref="Url"/> is an https URL or null.
/// </summary>
/// <param name="Color">0xRRGGBB, or null to leave the colour.</param>
public readonly record struct PixelChange(int X, int Y, uint? Color, string? Url);
