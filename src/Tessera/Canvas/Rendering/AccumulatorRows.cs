namespace Tessera.Canvas.Rendering;

/// <summary>A <see cref="SquareResampler"/> accumulator (4 floats a pixel) read as RGB rows over a background colour.</summary>
internal sealed class AccumulatorRows(float[] accumulator, int width, int height, uint background) : IRgbRows
{
    public int Width => width;

    public int Height => height;

    public float[] Accumulator => accumulator;

    public void CopyRowRgb(int y, Span<byte> destination)
    {
        var row = accumulator.AsSpan(y * width * 4, width * 4);
        for (var x = 0; x < width; x++)
        {
            SquareResampler.ToRgb(row.Slice(x * 4, 4), background, destination.Slice(x * 3, 3));
        }
    }
}
