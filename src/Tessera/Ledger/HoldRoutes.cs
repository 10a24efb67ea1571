using System.Collections.Concurrent;

namespace Tessera.Ledger;

/// <summary>Where a hold's resolution goes: the writer lane of its payer and the accounts the hold may touch.</summary>
internal sealed record HoldRoute(int Lane, long[] Accounts);

/// <summary>
/// Remembers the route of holds placed on this node, so their resolution takes the same writer lane and names its
/// accounts without a lookup (<see cref="PostgresGroupCommitWriter"/>). Only a hint: a hold placed on another node,
/// before a restart, or forgotten when the map was full takes any lane, and the writer looks its accounts up.
/// </summary>
internal sealed class HoldRoutes
{
    /// <summary>Pending holds remembered at most; past it the map starts again empty (cheaper than tracking age, and
    /// a hold never resolved here, say expired by another node's sweep, would otherwise stay forever).</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, HoldRoute> _routes = new(StringComparer.Ordinal);

    public void Remember(string holdId, HoldRoute route)
    {
        if (_routes.Count >= Capacity)
        {
            _routes.Clear();
        }

        _routes[holdId] = route;
    }

    /// <summary>The route of the hold, forgotten at once (a hold resolves once), or null when unknown.</summary>
    public HoldRoute? Take(string holdId) => _routes.TryRemove(holdId, out var route) ? route : null;
}
