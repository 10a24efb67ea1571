namespace Tessera.RateLimits;

/// <summary>
/// Caps on long-lived requests (live streams) open at once on this node, per client IP (IPv6 by /64, as the rate
/// rules count) and in total, per named kind. A stream holds a socket, a queue and a task for as long as the client
/// stays, so a request rate alone does not bound them. Node-local on purpose: what it protects is this node's memory.
/// </summary>
public sealed class ConcurrencyLimits
{
    private readonly Dictionary<(string Kind, string Ip), int> _byIp = [];
    private readonly Dictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A slot to dispose when the request ends, or null when the caller's IP or the node is at its cap.</summary>
    public IDisposable? TryEnter(string kind, HttpContext context, int perIp, int total)
    {
        var ip = RatePartitioner.ClientAddress(context.Connection.RemoteIpAddress);
        lock (_lock)
        {
            var ofIp = _byIp.GetValueOrDefault((kind, ip));
            var ofKind = _byKind.GetValueOrDefault(kind);
            if (ofIp >= perIp || ofKind >= total)
            {
                return null;
            }

            _byIp[(kind, ip)] = ofIp + 1;
            _byKind[kind] = ofKind + 1;
        }

        return new Slot(this, kind, ip);
    }

    /// <summary>Open slots of <paramref name="kind"/>, for tests and metrics.</summary>
    public int Open(string kind)
    {
        lock (_lock)
        {
            return _byKind.GetValueOrDefault(kind);
        }
    }

    private void Leave(string kind, string ip)
    {
        lock (_lock)
        {
            if (--_byIp[(kind, ip)] == 0)
            {
                _byIp.Remove((kind, ip));
            }

            _byKind[kind]--;
        }
    }

    private sealed class Slot(ConcurrencyLimits owner, string kind, string ip) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                owner.Leave(kind, ip);
            }
        }
    }
}
