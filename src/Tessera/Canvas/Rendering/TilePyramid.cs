namespace Tessera.Canvas.Rendering;

/// <summary>
/// The deep-zoom pyramid of a placement canvas: 256×256 tiles; at zoom 0 one tile covers the whole canvas, each zoom
/// halves a tile's span, and at <see cref="MaxZoom"/> one tile pixel is one canvas pixel. 50,000×20,000: MaxZoom 8
/// (2^8 × 256 = 65,536 ≥ 50,000); zoom z has tiles of 256·2^(8−z) canvas pixels, 196×79 of them at zoom 8. Tile
/// (z, x, y) covers canvas [x·span, (x+1)·span) × [y·span, (y+1)·span); parts beyond the canvas are background.
/// </summary>
public sealed class TilePyramid
{
    public const int TileSize = 256;

    public TilePyramid(int width, int height)
    {
        Width = width;
        Height = height;
        var maxZoom = 0;
        while ((long)TileSize << maxZoom < Math.Max(width, height))
        {
            maxZoom++;
        }

        MaxZoom = maxZoom;
    }

    public int Width { get; }

    public int Height { get; }

    public int MaxZoom { get; }

    /// <summary>Canvas pixels one tile spans at zoom <paramref name="z"/>.</summary>
    public int Span(int z) => TileSize << (MaxZoom - z);

    public int Columns(int z) => (Width + Span(z) - 1) / Span(z);

    public int Rows(int z) => (Height + Span(z) - 1) / Span(z);

    public bool Contains(int z, int x, int y) => z >= 0 && z <= MaxZoom && x >= 0 && y >= 0 && x < Columns(z) && y < Rows(z);
}
