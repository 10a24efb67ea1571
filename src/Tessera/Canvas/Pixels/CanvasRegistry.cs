using Microsoft.Extensions.Options;

namespace Tessera.Canvas.Pixels;

/// <summary>The pixel-mode canvases of this node, each with its in-memory state (placement canvases hold none).</summary>
public sealed class CanvasRegistry
{
    private readonly Dictionary<string, CanvasState> _canvases;

    public CanvasRegistry(IOptions<CanvasOptions> options) =>
        _canvases = options.Value.Effective
            .Where(pair => pair.Value.Mode == CanvasMode.Pixel)
            .ToDictionary(pair => pair.Key, pair => new CanvasState(pair.Key, pair.Value), StringComparer.Ordinal);

    public IEnumerable<CanvasState> All => _canvases.Values;

    public CanvasState? Find(string canvas) => _canvases.GetValueOrDefault(canvas);
}
