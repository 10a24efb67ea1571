namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Fractal value noise for a whole frame, sampled every <see cref="Step"/> pixels in both directions and interpolated
/// bilinearly in between. The finest octave used here has cells of ~20 pixels at 1024, so a sample every 4 pixels
/// loses nothing visible, and the noise costs 1/16 of sampling every pixel (clouds at 1024²: 5M → 0.33M noise samples).
/// Rows must be asked for in increasing order; it keeps the two coarse rows around the current one.
/// </summary>
internal ref struct CoarseFractal
{
    public const int Step = 4;

    private readonly RenderContext _context;
    private readonly float _frequency;
    private readonly int _octaves;
    private readonly uint _seed;
    private readonly float _drift;
    private readonly Span<float> _above;
    private readonly Span<float> _below;
    private readonly Span<float> _between;
    private int _coarseRow;

    /// <param name="scratch">At least 3 × (width / <see cref="Step"/> + 2) floats.</param>
    public CoarseFractal(in RenderContext context, Span<float> scratch, float frequency, int octaves, uint seed, float drift = 0)
    {
        _context = context;
        _frequency = frequency;
        _octaves = octaves;
        _seed = seed;
        _drift = drift;
        var columns = (context.Width / Step) + 2;
        _above = scratch[..columns];
        _below = scratch.Slice(columns, columns);
        _between = scratch.Slice(2 * columns, columns);
        _coarseRow = -2;
    }

    /// <summary>Fills <paramref name="destination"/> (the frame's width) with the noise of pixel row <paramref name="y"/>, in [0, 1].</summary>
    public void Row(int y, Span<float> destination)
    {
        var coarse = y / Step;
        if (coarse != _coarseRow)
        {
            if (coarse == _coarseRow + 1)
            {
                _below.CopyTo(_above);
            }
            else
            {
                Sample(coarse, _above);
            }

            Sample(coarse + 1, _below);
            _coarseRow = coarse;
        }

        var fy = (y - (coarse * Step)) / (float)Step;
        for (var i = 0; i < _between.Length; i++)
        {
            _between[i] = _above[i] + ((_below[i] - _above[i]) * fy);
        }

        for (var x = 0; x < destination.Length; x++)
        {
            var i = x / Step;
            var fx = (x - (i * Step)) * (1f / Step);
            destination[x] = _between[i] + ((_between[i + 1] - _between[i]) * fx);
        }
    }

    private readonly void Sample(int coarseRow, Span<float> row) =>
        ValueNoise.Fractal(row, _context.U(0) * _frequency, _context.Scale * Step * _frequency, _context.V(coarseRow * Step) * _frequency, _octaves, _seed, _drift);
}
