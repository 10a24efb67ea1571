using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tessera.Outbound;

/// <summary>
/// Which addresses are not public: the ranges a user-supplied URL must not reach (docs/outbound.md). IPv6 forms
/// that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside.
/// </summary>
public static class AddressRanges
{
    /// <summary>The reason <paramref name="address"/> is refused, or null when it is a public unicast address.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => WhyNotPublicV4(ToUInt32(address)),
            AddressFamily.InterNetworkV6 => WhyNotPublicV6(address),
            _ => "not an IP address",
        };
    }

    private static string? WhyNotPublicV4(uint ip)
    {
        return ip switch
        {
            _ when In(ip, 0x00000000, 8) => "an unspecified (0.0.0.0/8) address",
            _ when In(ip, 0x7F000000, 8) => "a loopback address",
            _ when In(ip, 0x0A000000, 8) || In(ip, 0xAC100000, 12) || In(ip, 0xC0A80000, 16) => "a private address",
            _ when In(ip, 0x64400000, 10) => "a carrier-grade NAT (100.64.0.0/10) address",
            _ when In(ip, 0xA9FE0000, 16) => "a link-local address (169.254.0.0/16, the cloud metadata range)",
            _ when In(ip, 0xC0000000, 24) => "an IETF protocol (192.0.0.0/24) address",
            _ when In(ip, 0xC6120000, 15) => "a benchmarking (198.18.0.0/15) address",
            _ when In(ip, 0xE0000000, 4) => "a multicast address",
            _ when In(ip, 0xF0000000, 4) => "a reserved or broadcast address",
            _ => null,
        };
    }

    private static string? WhyNotPublicV6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var embeddedV4 = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);

        if (high == 0 && low == 0)
        {
            return "the unspecified address (::)";
        }

        if (high == 0 && low == 1)
        {
            return "a loopback address";
        }

        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the deprecated compatible form): the socket reaches the IPv4 address.
        if (high == 0 && (low >> 32 == 0xFFFF || low >> 32 == 0))
        {
            return Embedded(WhyNotPublicV4(embeddedV4));
        }

        // 64:ff9b::/96, the well-known NAT64 prefix: a NAT64 gateway forwards to the IPv4 address in the last 32 bits.
        if (high == 0x0064_FF9B_0000_0000 && low >> 32 == 0)
        {
            return Embedded(WhyNotPublicV4(embeddedV4));
        }

        // 64:ff9b:1::/48, local-use NAT64: translates into the operator's own networks.
        if (high >> 16 == 0x0064_FF9B_0001)
        {
            return "a local-use NAT64 (64:ff9b:1::/48) address";
        }

        // 2002::/16, 6to4: the relay forwards to the IPv4 address in bits 16–47.
        if (high >> 48 == 0x2002)
        {
            return Embedded(WhyNotPublicV4((uint)(high >> 16)));
        }

        return (bytes[0], bytes[1] & 0xC0) switch
        {
            (0xFE, 0x80) => "a link-local address",
            (0xFE, 0xC0) => "a site-local address",
            (0xFF, _) => "a multicast address",
            _ when (bytes[0] & 0xFE) == 0xFC => "a private (unique local, fc00::/7) address",
            _ => null,
        };
    }

    private static string? Embedded(string? why) => why is null ? null : why + " (inside an IPv6 address)";

    private static bool In(uint ip, uint network, int prefix) => (ip >> (32 - prefix)) == (network >> (32 - prefix));

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
