using Tessera.Canvas.Rendering;
using Tessera.Http;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// A pixel canvas as one node holds it: the raster, the owners, the PNG, and the two locks. <see cref="WriteLock"/>
/// (async) orders this node's writes and catch-ups so the raster applies the log strictly in seq order;
/// <see cref="Sync"/> guards the raster and the PNG encoder for the microseconds a change or a render takes.
/// </summary>
public sealed class CanvasState
{
    private readonly BandedPngEncoder _png;
    private Rendered? _rendered;

    public CanvasState(string id, CanvasDefinition definition)
    {
        Id = id;
        Definition = definition;
        Raster = new PixelRaster(definition.Width, definition.Height, definition.BackgroundRgb);
        Claims = new ClaimGrid(definition.Width, definition.Height);
        _png = new BandedPngEncoder(new RasterRgbRows(Raster, definition.BackgroundRgb));
    }

    public string Id { get; }

    public CanvasDefinition Definition { get; }

    public PixelRaster Raster { get; }

    public ClaimGrid Claims { get; }

    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public Lock Sync { get; } = new();

    public bool Contains(int x, int y) => x >= 0 && y >= 0 && x < Definition.Width && y < Definition.Height;

    /// <summary>Applies one write (the caller holds <see cref="WriteLock"/> and passes seqs in order).</summary>
    public void Apply(PixelEvent change)
    {
        lock (Sync)
        {
            Raster.Apply(change.Seq, change.Pixels);
            foreach (var pixel in change.Pixels)
            {
                _png.MarkRow(pixel.Y);
            }

            _rendered = null;
        }
    }

    /// <summary>Replaces the raster with a snapshot's (the caller holds <see cref="WriteLock"/>); every band re-renders.</summary>
    public void Load(uint[] colors, byte[]?[] urls, long seq)
    {
        lock (Sync)
        {
            Raster.Load(colors, urls, seq);
            for (var y = 0; y < Definition.Height; y++)
            {
                _png.MarkRow(y);
            }

            _rendered = null;
        }
    }

    /// <summary>The PNG of the canvas and the seq it shows; encoded once per change, not per request.</summary>
    public (byte[] Png, long Seq) RenderPng()
    {
        var rendered = Current();
        return (rendered.Png, rendered.Seq);
    }

    /// <summary>The PNG as <c>GET /api/canvas</c> serves it: ETag <c>"png-{seq}"</c> and headers made once per change.</summary>
    public CachedBody PngBody() => Current().Body;

    // Read without the lock while nothing changed: the hot path of every canvas GET, 64 readers at once in the
    // benchmark; a change (under Sync) clears it, and the next reader re-encodes under Sync.
    private Rendered Current() => Volatile.Read(ref _rendered) ?? RenderLocked();

    private Rendered RenderLocked()
    {
        lock (Sync)
        {
            if (_rendered is null)
            {
                var png = _png.Render();
                Volatile.Write(ref _rendered, new Rendered(png, Raster.Seq, new CachedBody(png, "image/png", $"\"png-{Raster.Seq}\"")));
            }

            return _rendered;
        }
    }

    private sealed record Rendered(byte[] Png, long Seq, CachedBody Body);
}
