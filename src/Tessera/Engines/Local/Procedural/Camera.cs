namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Where a frame looks at the composition's plane. Compositions work in world units where the picture's height is 1
/// (so a circle stays round at any aspect ratio): pixel (x, y) of an h-pixel-high frame is at
/// u = <see cref="OffsetX"/> + (x + 0.5) · <see cref="Zoom"/> / h, v = <see cref="OffsetY"/> + (y + 0.5) · Zoom / h.
/// A still image uses <see cref="Still"/>; the video engine pans and zooms and advances <see cref="Time"/>.
/// </summary>
internal readonly record struct Camera(float OffsetX, float OffsetY, float Zoom, float Time)
{
    public static Camera Still => new(0, 0, 1, 0);
}
