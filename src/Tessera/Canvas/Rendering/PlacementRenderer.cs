using Microsoft.Extensions.Options;
using Tessera.Canvas.Pixels;
using Tessera.Canvas.Placements;
using Tessera.Imaging;
using Tessera.Storage;

namespace Tessera.Canvas.Rendering;

/// <summary>
/// Images of the placement canvas, never a full-size raster: the composite PNG of each layer (1:50) and the deep-zoom
/// tiles of the public layer (<see cref="Pyramid"/>). Both are drawn from this node's board, cached encoded with an
/// ETag, and invalidated only where a placement starts or stops rendering (it becomes active, or hidden). Tiles draw
/// each placement from its in-memory preview when the preview is at least as fine as the tile (zoom ≤ 4 for Billion
/// Satoshi), else from its stored image, decoded through a bounded LRU.
/// </summary>
public sealed class PlacementRenderer
{
    private readonly PlacementBoard _board;
    private readonly IBlobStore _blobs;
    private readonly ImagingOptions _imaging;
    private readonly PlacementOptions _options;
    private readonly uint _background;
    private readonly CompositeLayer[] _composites;
    private readonly LruCache<(int Z, int X, int Y), RenderedImage> _tiles;
    private readonly LruCache<string, byte[]> _decoded;
    private int _tileVersion;

    internal PlacementRenderer(PlacementBoard board, IBlobStore blobs, PlacementOptions options, ImagingOptions imaging, uint background)
    {
        _board = board;
        _blobs = blobs;
        _options = options;
        _imaging = imaging;
        _background = background;
        Pyramid = new TilePyramid(board.Width, board.Height);
        _composites = [new CompositeLayer(board, PlacementLayer.Public, options.CompositeScale, _background), new CompositeLayer(board, PlacementLayer.Agent, options.CompositeScale, _background)];
        _tiles = new LruCache<(int, int, int), RenderedImage>(128L * 1024 * 1024, tile => tile.Png.Length + 64);
        _decoded = new LruCache<string, byte[]>(options.DecodedImageCacheBytes, rgba => rgba.Length);
        board.RenderChanged += Invalidate;
    }

    public TilePyramid Pyramid { get; }

    /// <summary>The composite PNG of a layer (public: <c>/api/canvas/image</c>; agent: <c>/api/canvas/agent-image</c>).</summary>
    public Task<RenderedImage> CompositeAsync(PlacementLayer layer, CancellationToken cancellationToken = default) =>
        Task.FromResult(_composites[(int)layer].Render());

    /// <summary>Tile (z, x, y) of the public layer, 256×256 PNG; null when the pyramid has no such tile.</summary>
    public async Task<RenderedImage?> TileAsync(int z, int x, int y, CancellationToken cancellationToken = default)
    {
        if (!Pyramid.Contains(z, x, y))
        {
            return null;
        }

        if (_tiles.TryGet((z, x, y), out var cached))
        {
            return cached;
        }

        var version = Volatile.Read(ref _tileVersion);
        var span = Pyramid.Span(z);
        var scale = span / (double)TilePyramid.TileSize;
        int x0 = x * span, y0 = y * span;
        var accumulator = new float[TilePyramid.TileSize * TilePyramid.TileSize * 4];
        if (scale >= _options.CompositeScale)
        {
            // A tile pixel as coarse as a composite pixel or coarser (zoom ≤ 2 for Billion Satoshi) is drawn from the
            // composite: 400,000 grid pixels instead of every placement under the tile (the whole canvas at zoom 0:
            // 100,000 placements, ~70 ms cold, against the 30 ms aim). The composite is itself area-weighted, so the
            // tile is the same picture, blurred by at most one composite pixel at its edges.
            _composites[(int)PlacementLayer.Public].DrawInto(accumulator, TilePyramid.TileSize, TilePyramid.TileSize, x0, y0, scale);
        }
        else
        {
            await DrawPlacementsAsync(accumulator, x0, y0, span, scale, cancellationToken);
        }

        var tile = RenderedImage.Of(new BandedPngEncoder(new AccumulatorRows(accumulator, TilePyramid.TileSize, TilePyramid.TileSize, _background)).Render());

        // A placement that changed while this tile was drawn may be missing from it: then it is served once, not cached.
        if (Volatile.Read(ref _tileVersion) == version)
        {
            _tiles.Set((z, x, y), tile);
        }

        return tile;
    }

    private async Task DrawPlacementsAsync(float[] accumulator, int x0, int y0, int span, double scale, CancellationToken cancellationToken)
    {
        foreach (var entry in _board.ActiveIn(x0, y0, x0 + span, y0 + span))
        {
            var (image, side) = await SourceAsync(entry, scale, cancellationToken);
            if (image is not null)
            {
                SquareResampler.Add(image, side, entry.X, entry.Y, entry.Size, x0, y0, scale, accumulator, TilePyramid.TileSize, 0, 0, TilePyramid.TileSize, TilePyramid.TileSize);
            }
        }
    }

    /// <summary>The finest image worth drawing at this scale: the preview when it is at least as fine as a tile pixel, else the stored image.</summary>
    private async Task<(byte[]? Image, int Side)> SourceAsync(PlacementEntry entry, double scale, CancellationToken cancellationToken)
    {
        var previewSide = entry.PreviewSide;
        var storedSide = Math.Min(entry.Size, _options.MaxStoredImageSide);
        if (entry.Size / (double)previewSide <= scale || storedSide <= previewSide)
        {
            return (entry.Preview, previewSide);
        }

        if (!_decoded.TryGet(entry.ImageHash, out var rgba))
        {
            await using var stream = await _blobs.OpenReadAsync(entry.ImageHash, cancellationToken);
            if (stream is null)
            {
                return (entry.Preview, previewSide);
            }

            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            rgba = PlacementImage.DecodeStored(buffer.ToArray(), storedSide, _imaging);
            if (rgba is null)
            {
                return (entry.Preview, previewSide);
            }

            _decoded.Set(entry.ImageHash, rgba);
        }

        return (rgba, storedSide);
    }

    private void Invalidate(PlacementEntry entry)
    {
        foreach (var composite in _composites)
        {
            composite.Invalidate(entry.X, entry.Y, entry.Size);
        }

        Interlocked.Increment(ref _tileVersion);
        for (var z = 0; z <= Pyramid.MaxZoom; z++)
        {
            var span = Pyramid.Span(z);
            for (var ty = entry.Y / span; ty <= (entry.Y + entry.Size - 1) / span; ty++)
            {
                for (var tx = entry.X / span; tx <= (entry.X + entry.Size - 1) / span; tx++)
                {
                    _tiles.Remove((z, tx, ty));
                }
            }
        }
    }
}
