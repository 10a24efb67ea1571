using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tessera.Outbound;

/// <summary>
/// Which addresses are not public: every range of IANA's IPv4 and IPv6 Special-Purpose Address Registries, multicast,
/// and (IPv6) everything outside global unicast <c>2000::/3</c> (docs/outbound.md). Each refused range is either
/// <see cref="AddressKind.Local"/> (the operator's own networks: loopback, private, link-local, CGNAT, unique-local,
/// which <see cref="OutboundOptions.AllowPrivateNetworks"/> opens for development) or <see cref="AddressKind.Special"/>
/// (documentation, benchmarking, protocol assignments, reserved, multicast: never a web server, refused always). IPv6
/// forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside.
/// </summary>
public static class AddressRanges
{
    /// <summary>The reason <paramref name="address"/> is refused, or null when it is a public unicast address.</summary>
    public static string? WhyNotPublic(IPAddress address) => Classify(address)?.Why;

    /// <summary>The range <paramref name="address"/> falls in, or null when it is a public unicast address.</summary>
    public static NonPublicRange? Classify(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => ClassifyV4(ToUInt32(address)),
        AddressFamily.InterNetworkV6 => ClassifyV6(address),
        _ => new NonPublicRange("not an IP address", AddressKind.Special),
    };

    // IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates), plus multicast 224.0.0.0/4.
    private static readonly (uint Network, int Prefix, NonPublicRange Range)[] V4 =
    [
        (0x00000000, 8, Special("an unspecified (0.0.0.0/8, \"this network\") address")),
        (0x0A000000, 8, Local("a private address")),
        (0x64400000, 10, Local("a carrier-grade NAT (100.64.0.0/10) address")),
        (0x7F000000, 8, Local("a loopback address")),
        (0xA9FE0000, 16, Local("a link-local address (169.254.0.0/16, the cloud metadata range)")),
        (0xAC100000, 12, Local("a private address")),
        (0xC0000000, 24, Special("an IETF protocol (192.0.0.0/24) address")),
        (0xC0000200, 24, Special("a documentation (192.0.2.0/24, TEST-NET-1) address")),
        (0xC01FC400, 24, Special("an AS112 (192.31.196.0/24) address")),
        (0xC034C100, 24, Special("an AMT (192.52.193.0/24) address")),
        (0xC0586300, 24, Special("a 6to4 relay anycast (192.88.99.0/24) address")),
        (0xC0A80000, 16, Local("a private address")),
        (0xC0AF3000, 24, Special("a direct delegation AS112 (192.175.48.0/24) address")),
        (0xC6120000, 15, Special("a benchmarking (198.18.0.0/15) address")),
        (0xC6336400, 24, Special("a documentation (198.51.100.0/24, TEST-NET-2) address")),
        (0xCB007100, 24, Special("a documentation (203.0.113.0/24, TEST-NET-3) address")),
        (0xE0000000, 4, Special("a multicast address")),
        (0xF0000000, 4, Special("a reserved (240.0.0.0/4) or broadcast address")),
    ];

    // IANA IPv6 Special-Purpose Address Registry, by the top 64 bits (every listed prefix is /64 or shorter), plus
    // site-local and multicast. The forms that embed an IPv4 address are handled before this table.
    private static readonly (ulong Network, int Prefix, NonPublicRange Range)[] V6 =
    [
        (0x0064_FF9B_0001_0000, 48, Local("a local-use NAT64 (64:ff9b:1::/48) address")),
        (0x0100_0000_0000_0000, 64, Special("a discard-only (100::/64) address")),
        (0x0100_0000_0000_0001, 64, Special("a dummy prefix (100:0:0:1::/64) address")),
        (0x2001_0DB8_0000_0000, 32, Special("a documentation (2001:db8::/32) address")),
        (0x2001_0000_0000_0000, 23, Special("an IETF protocol (2001::/23: Teredo, benchmarking, ORCHID, AMT, AS112) address")),
        (0x2620_004F_8000_0000, 48, Special("a direct delegation AS112 (2620:4f:8000::/48) address")),
        (0x3FFF_0000_0000_0000, 20, Special("a documentation (3fff::/20) address")),
        (0x5F00_0000_0000_0000, 16, Special("a segment routing (5f00::/16) address")),
        (0xFC00_0000_0000_0000, 7, Local("a private (unique local, fc00::/7) address")),
        (0xFE80_0000_0000_0000, 10, Local("a link-local address")),
        (0xFEC0_0000_0000_0000, 10, Local("a site-local address")),
        (0xFF00_0000_0000_0000, 8, Special("a multicast address")),
    ];

    private static NonPublicRange? ClassifyV4(uint ip)
    {
        foreach (var (network, prefix, range) in V4)
        {
            if (ip >> (32 - prefix) == network >> (32 - prefix))
            {
                return range;
            }
        }

        return null;
    }

    private static NonPublicRange? ClassifyV6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var embeddedV4 = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);

        if (high == 0 && low == 0)
        {
            return Special("the unspecified address (::)");
        }

        if (high == 0 && low == 1)
        {
            return Local("a loopback address");
        }

        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the deprecated compatible form): the socket reaches the IPv4 address.
        if (high == 0 && (low >> 32 == 0xFFFF || low >> 32 == 0))
        {
            return Embedded(ClassifyV4(embeddedV4));
        }

        // 64:ff9b::/96, the well-known NAT64 prefix: a NAT64 gateway forwards to the IPv4 address in the last 32 bits.
        if (high == 0x0064_FF9B_0000_0000 && low >> 32 == 0)
        {
            return Embedded(ClassifyV4(embeddedV4));
        }

        // 2002::/16, 6to4: the relay forwards to the IPv4 address in bits 16–47.
        if (high >> 48 == 0x2002)
        {
            return Embedded(ClassifyV4((uint)(high >> 16)));
        }

        foreach (var (network, prefix, range) in V6)
        {
            if (high >> (64 - prefix) == network >> (64 - prefix))
            {
                return range;
            }
        }

        // Only 2000::/3 is allocated for global unicast; the rest is reserved or unassigned and routes nowhere public.
        return high >> 61 == 0b001 ? null : Special("outside global unicast (2000::/3)");
    }

    private static NonPublicRange? Embedded(NonPublicRange? range) =>
        range is null ? null : range with { Why = range.Why + " (inside an IPv6 address)" };

    private static NonPublicRange Local(string why) => new(why, AddressKind.Local);

    private static NonPublicRange Special(string why) => new(why, AddressKind.Special);

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}

/// <summary>A refused range: why, and whether <see cref="OutboundOptions.AllowPrivateNetworks"/> opens it.</summary>
public sealed record NonPublicRange(string Why, AddressKind Kind);

public enum AddressKind
{
    /// <summary>The operator's own networks (loopback, private, link-local, CGNAT, unique-local, this machine's addresses).</summary>
    Local,

    /// <summary>Special-purpose ranges that are never a web server: refused even with private networks allowed.</summary>
    Special,
}
