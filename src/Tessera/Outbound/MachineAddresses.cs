using System.Collections.Frozen;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Tessera.Outbound;

/// <summary>
/// This machine's own interface addresses. A public address of the server itself is no public destination: a URL
/// naming it reaches the operator's admin ports and services bound to that interface, as loopback would. Read from
/// <see cref="NetworkInterface.GetAllNetworkInterfaces"/> and kept for <see cref="RefreshAfter"/> (addresses change
/// with DHCP or a cloud's elastic IPs; reading them costs a netlink round trip, too much for every connect).
/// </summary>
public sealed class MachineAddresses
{
    /// <summary>How long a read of the interfaces is trusted.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly Func<IEnumerable<IPAddress>> _source;
    private (FrozenSet<IPAddress> Addresses, DateTimeOffset ReadAt)? _cache;

    public MachineAddresses(TimeProvider time)
        : this(time, ReadInterfaces)
    {
    }

    /// <summary>With another source of addresses: tests pretend the machine has a public address.</summary>
    internal MachineAddresses(TimeProvider time, Func<IEnumerable<IPAddress>> source)
    {
        _time = time;
        _source = source;
    }

    public bool Contains(IPAddress address)
    {
        var now = _time.GetUtcNow();
        var cache = _cache;
        if (cache is not { } current || now - current.ReadAt > RefreshAfter)
        {
            // Two threads may both read; either result is right, and the set is swapped whole.
            current = (_source().Select(Normalize).ToFrozenSet(), now);
            _cache = current;
        }

        return current.Addresses.Contains(Normalize(address));
    }

    private static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        // Interfaces report link-local addresses with a scope id; a connect target may carry another or none.
        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
    }

    private static IEnumerable<IPAddress> ReadInterfaces()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(network => network.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return []; // no interface list (a restricted container): the range checks still apply
        }
    }
}
