using Microsoft.Extensions.Options;
using NetVips;

namespace Tessera.Editing;

/// <summary>
/// The last few shrunk-and-cropped base images of previews, decoded in memory (~2.4 MB for 1024×768 RGB), keyed by the
/// file's content hash and the geometry. Dragging a layer asks for a preview every ~100 ms of the same picture; from
/// here one costs the layers and the encode, not a decode of the photo (bench <c>editor</c>: warm and cold figures).
/// Content-addressed keys never go stale; the oldest entry leaves first.
/// </summary>
public sealed class PreviewBaseCache(IOptions<EditingOptions> options)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Key, Image Image)> _entries = new();

    /// <summary>A new reference to the cached image (dispose it when done), or null.</summary>
    public Image? Find(string key)
    {
        lock (_lock)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value.Key, key, StringComparison.Ordinal))
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return node.Value.Image.Copy();
                }
            }
        }

        return null;
    }

    /// <summary>Keeps a reference of <paramref name="image"/> (the caller keeps and disposes its own).</summary>
    public void Add(string key, Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var capacity = options.Value.PreviewCacheEntries;
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _entries.AddFirst((key, image.Copy()));
            while (_entries.Count > capacity)
            {
                _entries.Last!.Value.Image.Dispose();
                _entries.RemoveLast();
            }
        }
    }
}
