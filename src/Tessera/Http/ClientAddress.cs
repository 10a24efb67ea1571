using System.Net;
using System.Net.Sockets;

namespace Tessera.Http;

/// <summary>The client's address as rate limits, idempotency records and abuse counters key it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 as is; IPv6 by its /64, because a client usually holds a whole /64 and could otherwise rotate addresses
    /// in it for a fresh counter per request. Behind a proxy, <c>Tessera:KnownProxies</c> makes this the forwarded client.
    /// </summary>
    public static string Of(IPAddress? address)
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
