namespace Tessera.Canvas.Rendering;

/// <summary>A least-recently-used cache bounded by the total size (bytes) of its values. Thread-safe (one lock; entries are few and calls short).</summary>
internal sealed class LruCache<TKey, TValue>(long capacity, Func<TValue, long> sizeOf)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _nodes = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();
    private readonly Lock _sync = new();
    private long _size;

    public long Size
    {
        get
        {
            lock (_sync)
            {
                return _size;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_sync)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        lock (_sync)
        {
            RemoveLocked(key);
            _nodes[key] = _order.AddFirst((key, value));
            _size += sizeOf(value);
            while (_size > capacity && _order.Last is { } last)
            {
                RemoveLocked(last.Value.Key);
            }
        }
    }

    public void Remove(TKey key)
    {
        lock (_sync)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(TKey key)
    {
        if (_nodes.Remove(key, out var node))
        {
            _order.Remove(node);
            _size -= sizeOf(node.Value.Value);
        }
    }
}
