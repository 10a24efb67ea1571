namespace Tessera.Payments.Nwc.Nostr;

/// <summary>
/// The last few thousand event ids seen: the same event arrives twice when several relays carry it or a resubscription's
/// <c>since</c> (inclusive) replays the newest one. 4096 ids ≈ 300 KB, far more than an NWC connection sees between reconnects.
/// </summary>
internal sealed class RecentEventIds(int capacity = 4096)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time an id is seen.</summary>
    public bool Add(string id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
