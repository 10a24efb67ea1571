namespace Tessera.Canvas.Rendering;

/// <summary>An image <see cref="BandedPngEncoder"/> can encode: its size and its rows as 8-bit RGB.</summary>
internal interface IRgbRows
{
    int Width { get; }

    int Height { get; }

    /// <summary>Writes row <paramref name="y"/> as <c>Width × 3</c> bytes; may run on several rows at once (reads only).</summary>
    void CopyRowRgb(int y, Span<byte> destination);
}
