using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Outbound;

/// <summary>
/// Checks a receiver URL (a webhook_url) when it is submitted, not only when a delivery connects (DECISIONS, Wave-1): the
/// URL's rules (<see cref="OutboundUrl"/>), then every address its host resolves to against
/// <see cref="OutboundAddressPolicy"/>. A refusal names the address, why, and what to do, so a client sees it at once
/// instead of a silently failed delivery later. A host that does not resolve now is accepted (DNS may be down for a
/// moment); the delivery then reports what it finds. The connection itself is still checked at delivery time, since DNS
/// may answer differently then.
/// </summary>
public sealed class ReceiverUrlCheck(OutboundAddressPolicy policy, IOptions<OutboundOptions> options)
{
    /// <summary>How long a submission waits for DNS before accepting the URL unchecked.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when the URL may be used; else a 400 <c>validation_error</c> naming <paramref name="field"/>.</summary>
    public async Task<Error?> CheckAsync(string url, string field, CancellationToken cancellationToken)
    {
        var valid = OutboundUrl.Validate(url);
        if (!valid.IsSuccess)
        {
            return Error.Validation($"{field}: {valid.Error.Message}");
        }

        var uri = valid.Value;
        foreach (var address in await ResolveAsync(uri, cancellationToken))
        {
            if (policy.Refusal(address, uri.Port) is { } why)
            {
                var advice = policy.IsPrivate(address) && !options.Value.AllowPrivateNetworks
                    ? $"private addresses are refused; set {OutboundOptions.Section}:AllowPrivateNetworks=true for a local receiver (development only)."
                    : "this server never connects to such addresses; use a publicly reachable URL.";
                return Error.Validation($"{field}: {uri.Host} resolves to {why.TrimEnd('.')}: {advice}");
            }
        }

        return null;
    }

    private static async Task<IPAddress[]> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            return await Dns.GetHostAddressesAsync(uri.IdnHost, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or ArgumentException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [];
        }
    }
}
