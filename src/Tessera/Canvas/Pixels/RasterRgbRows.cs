using Tessera.Canvas.Rendering;

namespace Tessera.Canvas.Pixels;

/// <summary>A pixel canvas's raster as the PNG encoder reads it: unpainted pixels take the canvas background.</summary>
internal sealed class RasterRgbRows(PixelRaster raster, uint background) : IRgbRows
{
    public int Width => raster.Width;

    public int Height => raster.Height;

    public void CopyRowRgb(int y, Span<byte> destination) => raster.CopyRowRgb(y, background, destination);
}
