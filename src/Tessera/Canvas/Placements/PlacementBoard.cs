namespace Tessera.Canvas.Placements;

/// <summary>
/// This node's picture of the placement canvas: the blocking placements in a <see cref="PlacementIndex"/>, rebuilt at
/// start from the database and kept current from the change feed (polled) and from this node's own commits (applied
/// at once). Every row carries the seq of the write that last changed it, and a row is applied only when its seq is
/// newer than the one already seen for it, so feed and local applies may arrive in any order and twice. Availability
/// checks and nearest searches read only this, never the database; the database stays the arbiter on reserve.
/// </summary>
internal sealed class PlacementBoard : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, long> _seqByPk = [];

    public PlacementBoard(string canvas, int width, int height)
    {
        Canvas = canvas;
        Index = new PlacementIndex(width, height);
    }

    public string Canvas { get; }

    public int Width => Index.Width;

    public int Height => Index.Height;

    /// <summary>The feed's position: the last (seq, pk) it read, in that order.</summary>
    public (long Seq, long Pk) Cursor { get; set; }

    /// <summary>Raised (under no lock) with the square of a placement whose rendered state changed: it became, or stopped being, active.</summary>
    public event Action<PlacementEntry>? RenderChanged;

    private PlacementIndex Index { get; }

    /// <summary>Applies one row as of its seq; false when this node already had that version or a newer one.</summary>
    public bool Apply(PlacementEntry row)
    {
        PlacementEntry? previous;
        _lock.EnterWriteLock();
        try
        {
            if (_seqByPk.TryGetValue(row.Pk, out var seen) && seen >= row.Seq)
            {
                return false;
            }

            _seqByPk[row.Pk] = row.Seq;
            previous = Index.Get(row.Pk);
            if (PlacementStatus.Blocks(row.Status))
            {
                Index.Upsert(row);
            }
            else
            {
                Index.Remove(row.Pk);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        if ((previous?.IsActive ?? false) != row.IsActive)
        {
            RenderChanged?.Invoke(row);
        }

        return true;
    }

    public bool IsFree(int x, int y, int size, long nowMs)
    {
        _lock.EnterReadLock();
        try
        {
            return Index.IsFree(x, y, size, nowMs);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public CanvasPoint? Nearest(int x, int y, int size, long nowMs)
    {
        _lock.EnterReadLock();
        try
        {
            return NearestFree.Find(Index, x, y, size, nowMs);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The active placements meeting [x0, x1) × [y0, y1).</summary>
    public List<PlacementEntry> ActiveIn(int x0, int y0, int x1, int y1)
    {
        var found = new List<PlacementEntry>();
        _lock.EnterReadLock();
        try
        {
            Index.Intersecting(x0, y0, x1, y1, long.MinValue, found);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        found.RemoveAll(entry => !entry.IsActive);
        return found;
    }

    public void Dispose() => _lock.Dispose();
}
