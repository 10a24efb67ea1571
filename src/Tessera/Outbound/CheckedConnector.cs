using System.Net;
using System.Net.Sockets;

namespace Tessera.Outbound;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the outbound client: resolves the host once, checks every
/// address it resolved to, and connects a socket to a checked address. Checking every address (not only the one
/// used) means a name that mixes public and private answers is refused outright; connecting to the checked
/// <see cref="IPAddress"/> (never the name again) closes the DNS-rebinding gap between check and connect.
/// </summary>
internal sealed class CheckedConnector(OutboundAddressPolicy policy, ILogger<CheckedConnector> logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{host} has no address.");
        }

        foreach (var address in addresses)
        {
            if (policy.Refusal(address, port) is { } refusal)
            {
                Log.AddressBlocked(logger, host, refusal);
                throw new BlockedAddressException(literal is not null ? refusal : $"{host} resolves to {refusal}");
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"Could not connect to {host}:{port}: {last?.Message}", last);
    }
}
