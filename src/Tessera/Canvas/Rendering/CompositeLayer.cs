using Tessera.Canvas.Placements;

namespace Tessera.Canvas.Rendering;

/// <summary>
/// One layer of the composite (1:50, 1000×400 for Billion Satoshi), kept as an accumulator of the active placements'
/// previews. The first render draws every placement (100,000 squares: tens of ms); afterwards a placement that starts
/// or stops rendering dirties only its square: the composite pixels under it are cleared, the placements meeting them
/// are drawn again (clipped), and only the PNG bands of those rows are re-compressed. The PNG and its ETag are cached
/// until the next change.
/// </summary>
internal sealed class CompositeLayer
{
    private readonly PlacementBoard _board;
    private readonly PlacementLayer _layer;
    private readonly int _scale;
    private readonly AccumulatorRows _rows;
    private readonly BandedPngEncoder _png;
    private readonly List<(int X0, int Y0, int X1, int Y1)> _dirty = [];
    private readonly Lock _sync = new();
    private bool _drawn;
    private RenderedImage? _rendered;

    public CompositeLayer(PlacementBoard board, PlacementLayer layer, int scale, uint background)
    {
        _board = board;
        _layer = layer;
        _scale = scale;
        var width = (board.Width + scale - 1) / scale;
        var height = (board.Height + scale - 1) / scale;
        _rows = new AccumulatorRows(new float[width * height * 4], width, height, background);
        _png = new BandedPngEncoder(_rows);
    }

    /// <summary>Marks the composite pixels under a canvas square for redrawing.</summary>
    public void Invalidate(int x, int y, int size)
    {
        lock (_sync)
        {
            _dirty.Add((x / _scale, y / _scale, Math.Min(_rows.Width, (x + size + _scale - 1) / _scale), Math.Min(_rows.Height, (y + size + _scale - 1) / _scale)));
            _rendered = null;
        }
    }

    public RenderedImage Render()
    {
        lock (_sync)
        {
            if (_rendered is not null)
            {
                return _rendered;
            }

            if (!_drawn)
            {
                // Strips of PNG-band height draw on all cores: placements never overlap, and one meeting two strips is
                // drawn clipped in each, so the strips write disjoint pixels. On 2 cores this halved the first render.
                var strips = (_rows.Height + BandedPngEncoder.BandHeight - 1) / BandedPngEncoder.BandHeight;
                Parallel.For(0, strips, strip =>
                    Draw(0, strip * BandedPngEncoder.BandHeight, _rows.Width, Math.Min(_rows.Height, (strip + 1) * BandedPngEncoder.BandHeight)));
                _png.MarkAll();
                _drawn = true;
            }
            else
            {
                foreach (var (x0, y0, x1, y1) in _dirty)
                {
                    Draw(x0, y0, x1, y1);
                    for (var row = y0; row < y1; row++)
                    {
                        _png.MarkRow(row);
                    }
                }
            }

            _dirty.Clear();
            return _rendered = RenderedImage.Of(_png.Render());
        }
    }

    /// <summary>
    /// Adds the current composite onto a tile accumulator whose pixels span <paramref name="scale"/> canvas pixels
    /// (at least the composite's own), the tile's corner at canvas (<paramref name="originX"/>, <paramref name="originY"/>).
    /// </summary>
    public void DrawInto(Span<float> target, int width, int height, double originX, double originY, double scale)
    {
        lock (_sync)
        {
            Render();
            SquareResampler.AddGrid(_rows.Accumulator, _rows.Width, _rows.Height, _scale, originX, originY, scale, target, width, height);
        }
    }

    /// <summary>Clears composite pixels [x0, x1) × [y0, y1) and draws every active placement meeting them, clipped to them.</summary>
    private void Draw(int x0, int y0, int x1, int y1)
    {
        var accumulator = _rows.Accumulator;
        for (var row = y0; row < y1; row++)
        {
            accumulator.AsSpan((row * _rows.Width + x0) * 4, (x1 - x0) * 4).Clear();
        }

        foreach (var entry in _board.ActiveIn(x0 * _scale, y0 * _scale, x1 * _scale, y1 * _scale))
        {
            var preview = _layer == PlacementLayer.Agent ? entry.AgentPreview ?? entry.Preview : entry.Preview;
            if (preview is not null)
            {
                SquareResampler.Add(preview, entry.PreviewSide, entry.X, entry.Y, entry.Size, 0, 0, _scale, accumulator, _rows.Width, x0, y0, x1, y1);
            }
        }
    }
}
