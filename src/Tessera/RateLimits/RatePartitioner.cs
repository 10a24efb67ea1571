using System.Net;
using System.Runtime.CompilerServices;
using Tessera.Accounts;
using Tessera.Http;

namespace Tessera.RateLimits;

/// <summary>Whose counter a request spends. Prefixes keep keys, accounts and addresses from ever colliding.</summary>
internal static class RatePartitioner
{
    public static string For(HttpContext context, RateLimitPartition partition) => partition switch
    {
        RateLimitPartition.Key when TesseraClaims.KeyIdOf(context.User) is { Length: > 0 } key => "k:" + key,
        RateLimitPartition.Account when TesseraClaims.AccountIdOf(context.User) is { Length: > 0 } account => "a:" + account,

        // Anonymous requests on a per-key rule still need a counter, or dropping the key would lift the limit.
        _ => IpPartition(context.Connection.RemoteIpAddress),
    };

    /// <summary>
    /// The partition of an address, made once per <see cref="IPAddress"/> instance: Kestrel hands every request of a
    /// connection the same instance, so a keep-alive connection formats its address once, not per request (two strings
    /// per limited request before). Weak keys: an entry goes with its connection's address. Behind a trusted proxy each
    /// request carries a new instance and simply misses.
    /// </summary>
    private static readonly ConditionalWeakTable<IPAddress, string> IpPartitions = [];

    private static string IpPartition(IPAddress? address) =>
        address is null ? "ip:" + ClientAddress(null)
        : IpPartitions.TryGetValue(address, out var partition) ? partition
        : IpPartitions.GetValue(address, static key => "ip:" + ClientAddress(key));

    /// <summary>The client's address as counters and records see it (<see cref="Http.ClientAddress"/>).</summary>
    internal static string ClientAddress(IPAddress? address) => Http.ClientAddress.Of(address);
}
