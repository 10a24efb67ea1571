using System.Text.Json;

namespace Tessera.Webhooks;

/// <summary>
/// Deliveries this node has in flight, counted per account and per destination host, so the next claim leaves out
/// (or takes fewer of) those at their cap (<see cref="WebhooksOptions.MaxInFlightPerAccount"/>,
/// <see cref="WebhooksOptions.MaxInFlightPerHost"/>). Touched by the dispatcher and by each attempt's end; a lock is
/// cheap next to an HTTP round trip.
/// </summary>
internal sealed class InFlightDeliveries(int perAccount, int perHost)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _hosts = new(StringComparer.Ordinal);

    public void Add(ClaimedMessage message)
    {
        lock (_lock)
        {
            Change(_accounts, message.AccountId, +1);
            Change(_hosts, message.Host, +1);
        }
    }

    public void Remove(ClaimedMessage message)
    {
        lock (_lock)
        {
            Change(_accounts, message.AccountId, -1);
            Change(_hosts, message.Host, -1);
        }
    }

    /// <summary>What a claim needs: the counts as JSON objects (<c>{"acc_1": 8}</c>) and the caps.</summary>
    public DeliveryCaps Snapshot()
    {
        lock (_lock)
        {
            return new DeliveryCaps(JsonSerializer.Serialize(_accounts), JsonSerializer.Serialize(_hosts), perAccount, perHost);
        }
    }

    private static void Change(Dictionary<string, int> counts, string key, int delta)
    {
        var count = counts.GetValueOrDefault(key) + delta;
        if (count > 0)
        {
            counts[key] = count;
        }
        else
        {
            counts.Remove(key); // only keys with something in flight: the map stays as small as the work in flight
        }
    }
}

/// <summary>The in-flight counts and caps one claim applies (see <see cref="WebhookQueue.ClaimAsync"/>).</summary>
internal sealed record DeliveryCaps(string AccountsJson, string HostsJson, int PerAccount, int PerHost);
