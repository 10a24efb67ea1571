using System.Runtime.InteropServices;

namespace Tessera.Canvas.Placements;

/// <summary>
/// The blocking placements of a canvas in a uniform grid of 256×256-pixel buckets: each placement is listed in every
/// bucket its square touches, so a query looks only at the few buckets under its own square. 50,000×20,000 is
/// 196×79 = 15,484 buckets; 100,000 random placements of side 10-200 put about 10 entries in a bucket, and an
/// availability check (1-4 buckets) costs well under a microsecond. The squares sit in flat arrays by slot (no
/// pointer chasing on the hot path). Not thread-safe: <see cref="PlacementBoard"/> guards it with a reader-writer lock.
/// </summary>
internal sealed class PlacementIndex
{
    private const int Shift = 8;

    private readonly int _columns;
    private readonly int _rows;
    private readonly List<int>?[] _buckets;
    private readonly Dictionary<long, int> _slotByPk = [];
    private readonly Stack<int> _freeSlots = new();
    private int[] _x = new int[1024];
    private int[] _y = new int[1024];
    private int[] _size = new int[1024];
    private long[] _blocksUntil = new long[1024];
    private PlacementEntry?[] _entries = new PlacementEntry?[1024];
    private int _slotCount;

    public PlacementIndex(int width, int height)
    {
        Width = width;
        Height = height;
        _columns = (width + (1 << Shift) - 1) >> Shift;
        _rows = (height + (1 << Shift) - 1) >> Shift;
        _buckets = new List<int>?[_columns * _rows];
    }

    public int Width { get; }

    public int Height { get; }

    public int Count => _slotByPk.Count;

    public PlacementEntry? Get(long pk) => _slotByPk.TryGetValue(pk, out var slot) ? _entries[slot] : null;

    public void Upsert(PlacementEntry entry)
    {
        Remove(entry.Pk);
        var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : NewSlot();
        _x[slot] = entry.X;
        _y[slot] = entry.Y;
        _size[slot] = entry.Size;

        // An unpaid reservation stops blocking when its invoice expires, even before the sweep marks it.
        _blocksUntil[slot] = entry.Status == PlacementStatus.PendingPayment ? entry.ExpiresAtMs : long.MaxValue;
        _entries[slot] = entry;
        _slotByPk[entry.Pk] = slot;
        ForEachBucket(entry.X, entry.Y, entry.X + entry.Size, entry.Y + entry.Size, bucket => (_buckets[bucket] ??= []).Add(slot));
    }

    public void Remove(long pk)
    {
        if (!_slotByPk.Remove(pk, out var slot))
        {
            return;
        }

        ForEachBucket(_x[slot], _y[slot], _x[slot] + _size[slot], _y[slot] + _size[slot], bucket => _buckets[bucket]!.Remove(slot));
        _entries[slot] = null;
        _freeSlots.Push(slot);
    }

    /// <summary>True when the square lies inside the canvas and no placement blocking at <paramref name="nowMs"/> meets it.</summary>
    public bool IsFree(int x, int y, int size, long nowMs)
    {
        if (x < 0 || y < 0 || size < 1 || x > Width - size || y > Height - size)
        {
            return false;
        }

        int x1 = x + size, y1 = y + size;
        int c0 = x >> Shift, c1 = (x1 - 1) >> Shift, r0 = y >> Shift, r1 = (y1 - 1) >> Shift;
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                if (_buckets[r * _columns + c] is not { } bucket)
                {
                    continue;
                }

                foreach (var slot in CollectionsMarshal.AsSpan(bucket))
                {
                    if (_x[slot] < x1 && x < _x[slot] + _size[slot] && _y[slot] < y1 && y < _y[slot] + _size[slot] && _blocksUntil[slot] > nowMs)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Adds to <paramref name="found"/> each placement blocking at <paramref name="nowMs"/> that meets the rectangle
    /// [x0, x1) × [y0, y1) (clipped to the canvas), once: a placement is reported only from the first bucket shared by
    /// it and the query, so no set is needed to drop duplicates.
    /// </summary>
    public void Intersecting(int x0, int y0, int x1, int y1, long nowMs, List<PlacementEntry> found)
    {
        x0 = Math.Max(0, x0);
        y0 = Math.Max(0, y0);
        x1 = Math.Min(Width, x1);
        y1 = Math.Min(Height, y1);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }

        int c0 = x0 >> Shift, c1 = (x1 - 1) >> Shift, r0 = y0 >> Shift, r1 = (y1 - 1) >> Shift;
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                if (_buckets[r * _columns + c] is not { } bucket)
                {
                    continue;
                }

                foreach (var slot in CollectionsMarshal.AsSpan(bucket))
                {
                    if (_x[slot] < x1 && x0 < _x[slot] + _size[slot] && _y[slot] < y1 && y0 < _y[slot] + _size[slot] && _blocksUntil[slot] > nowMs
                        && c == Math.Max(c0, _x[slot] >> Shift) && r == Math.Max(r0, _y[slot] >> Shift))
                    {
                        found.Add(_entries[slot]!);
                    }
                }
            }
        }
    }

    private int NewSlot()
    {
        if (_slotCount == _x.Length)
        {
            var length = _x.Length * 2;
            Array.Resize(ref _x, length);
            Array.Resize(ref _y, length);
            Array.Resize(ref _size, length);
            Array.Resize(ref _blocksUntil, length);
            Array.Resize(ref _entries, length);
        }

        return _slotCount++;
    }

    private void ForEachBucket(int x0, int y0, int x1, int y1, Action<int> action)
    {
        int c0 = x0 >> Shift, c1 = (Math.Min(x1, Width) - 1) >> Shift, r0 = y0 >> Shift, r1 = (Math.Min(y1, Height) - 1) >> Shift;
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                action(r * _columns + c);
            }
        }
    }
}
