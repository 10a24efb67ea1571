using System.Net.WebSockets;

namespace Tessera.Payments.Nwc.Nostr;

/// <summary>One open WebSocket: publishers wait on <see cref="Closed"/> to know they must send again on the next one.</summary>
internal sealed class RelaySession(ClientWebSocket socket)
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClientWebSocket Socket { get; } = socket;

    public SemaphoreSlim SendLock { get; } = new(1, 1);

    public Task Closed => _closed.Task;

    public void Close() => _closed.TrySetResult();
}
