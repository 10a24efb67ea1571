using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// IPv4 as is; IPv6 by its /64, because a client usually holds a whole /64 and could otherwise rotate addresses
    /// in it for a fresh counter per request. Behind a proxy, <c>Tessera:KnownProxies</c> makes this the forwarded client.
    /// </summary>
    internal static string ClientAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
