using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Tessera.Outbound;

/// <summary>
/// Decides whether a connection to an address may be made: public addresses always, the rest only with
/// <see cref="OutboundOptions.AllowPrivateNetworks"/>.
/// </summary>
public sealed class OutboundAddressPolicy(IOptions<OutboundOptions> options)
{
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
        if (options.Value.AllowPrivateNetworks)
        {
            return null;
        }

        if (!_publicForTests.IsEmpty && _publicForTests.ContainsKey(new IPEndPoint(address, port)))
        {
            return null;
        }

        return AddressRanges.WhyNotPublic(address) is { } why ? $"{address} is {why}." : null;
    }
}
