using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Tessera.Outbound;

/// <summary>
/// Decides whether a connection to an address may be made: public addresses always; the operator's own networks
/// (<see cref="AddressKind.Local"/> ranges and this machine's interface addresses) only with
/// <see cref="OutboundOptions.AllowPrivateNetworks"/>; special-purpose ranges (documentation, benchmarking, reserved,
/// multicast ...) never.
/// </summary>
public sealed class OutboundAddressPolicy(IOptions<OutboundOptions> options, MachineAddresses machine)
{
    private static readonly NonPublicRange OwnAddress = new("one of this machine's own addresses", AddressKind.Local);

    private readonly ConcurrentDictionary<IPEndPoint, bool> _publicForTests = new();

    /// <summary>
    /// Test-only seam: treats one exact endpoint (address and port, e.g. a Kestrel test server on 127.0.0.1:41234)
    /// as public while private networks stay refused, so a test can follow a redirect from an "allowed" server to
    /// loopback and see the target refused. Only tests call it (internal, visible to Tessera.Tests); production code
    /// has no way to add an endpoint.
    /// </summary>
    internal void TreatAsPublicForTests(IPEndPoint endpoint) => _publicForTests[endpoint] = true;

    /// <summary>Null when a connection to <paramref name="address"/>:<paramref name="port"/> is allowed, else why not.</summary>
    public string? Refusal(IPAddress address, int port)
    {
        if (!_publicForTests.IsEmpty && _publicForTests.ContainsKey(new IPEndPoint(address, port)))
        {
            return null;
        }

        var range = AddressRanges.Classify(address) ?? (machine.Contains(address) ? OwnAddress : null);
        if (range is null || (range.Kind == AddressKind.Local && options.Value.AllowPrivateNetworks))
        {
            return null;
        }

        return $"{address} is {range.Why}.";
    }

    /// <summary>Whether <paramref name="address"/> is in the operator's own networks (what AllowPrivateNetworks opens).</summary>
    public bool IsPrivate(IPAddress address) =>
        (AddressRanges.Classify(address) ?? (machine.Contains(address) ? OwnAddress : null))?.Kind == AddressKind.Local;
}
