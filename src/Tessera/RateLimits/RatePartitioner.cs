using System.Net;
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
        _ => "ip:" + ClientAddress(context.Connection.RemoteIpAddress),
    };

    /// <summary>The client's address as counters and records see it (<see cref="Http.ClientAddress"/>).</summary>
    internal static string ClientAddress(IPAddress? address) => Http.ClientAddress.Of(address);
}
