using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Payments.Nwc.Nostr;

/// <summary>
/// One relay, kept connected: a NIP-01 client over <see cref="ClientWebSocket"/> that holds one subscription (sent again after
/// every reconnect with <c>since</c> = the newest <c>created_at</c> seen), hands each received event to a callback only when
/// its id and signature verify and it matches the subscription, and publishes events waiting for the relay's <c>OK</c>.
/// Reconnects back off exponentially from <see cref="NostrRelayOptions.ReconnectMinDelay"/> to <see cref="NostrRelayOptions.ReconnectMaxDelay"/>.
/// </summary>
public sealed class NostrRelayConnection : IAsyncDisposable
{
    private readonly Func<long?, NostrFilter> _filterSince;
    private readonly Action<NostrEvent> _onEvent;
    private readonly NostrRelayOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(bool Accepted, string Message)>> _pendingOk = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private TaskCompletionSource<RelaySession> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private bool _disposed;
    private long _newestSeen;
    private int _connects;

    /// <param name="relay">A ws:// or wss:// URL.</param>
    /// <param name="filterSince">The subscription to hold, given the newest created_at seen so far (null before the first event).</param>
    /// <param name="onEvent">Called on the receive loop for each verified, matching event; must not block.</param>
    public NostrRelayConnection(Uri relay, Func<long?, NostrFilter> filterSince, Action<NostrEvent> onEvent, NostrRelayOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Relay = relay;
        _filterSince = filterSince;
        _onEvent = onEvent;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Uri Relay { get; }

    public string SubscriptionId { get; } = "tessera-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>How many times a connection was opened (and the subscription sent) so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    public bool IsConnected
    {
        get
        {
            lock (_lock)
            {
                return _session.Task.IsCompletedSuccessfully;
            }
        }
    }

    /// <summary>Starts the connect-and-read loop (once).</summary>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>
    /// Sends <c>["EVENT", e]</c> and waits for the relay's <c>OK</c>; waits for a connection first, and sends again on the next
    /// connection when this one drops before the OK (relays treat a repeated id as a duplicate). Throws
    /// <see cref="NostrRelayException"/> when the relay refuses the event.
    /// </summary>
    public async Task PublishAsync(NostrEvent nostrEvent, CancellationToken cancellationToken)
    {
        Start();
        var message = Serialize(new JsonArray("EVENT", JsonSerializer.SerializeToNode(nostrEvent)));
        try
        {
            await PublishUntilAcknowledgedAsync(nostrEvent, message, cancellationToken);
        }
        finally
        {
            _pendingOk.TryRemove(nostrEvent.Id, out _);
        }
    }

    private async Task PublishUntilAcknowledgedAsync(NostrEvent nostrEvent, byte[] message, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<RelaySession> next;
            lock (_lock)
            {
                next = _session.Task;
            }

            var session = await next.WaitAsync(cancellationToken);
            var ok = _pendingOk.GetOrAdd(nostrEvent.Id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            try
            {
                await SendAsync(session, message, cancellationToken);
            }
            catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The receive loop sees the same failure and opens a new session; send again there.
                await session.Closed.WaitAsync(cancellationToken);
                continue;
            }

            if (await Task.WhenAny(ok.Task, session.Closed).WaitAsync(cancellationToken) == ok.Task)
            {
                var (accepted, reason) = await ok.Task;
                if (!accepted)
                {
                    throw new NostrRelayException($"The relay {Relay} refused the event: {reason}");
                }

                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stop.CancelAsync();

        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
            socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
            var session = new RelaySession(socket);
            try
            {
                await socket.ConnectAsync(Relay, stop);
                failures = 0;
                Interlocked.Increment(ref _connects);
                var since = Interlocked.Read(ref _newestSeen);
                var filter = _filterSince(since == 0 ? null : since);
                await SendAsync(session, Serialize(new JsonArray("REQ", SubscriptionId, filter.ToJson())), stop);
                lock (_lock)
                {
                    _session.TrySetResult(session);
                }

                Log.RelayConnected(_logger, Relay, since);
                await ReceiveAsync(session, filter with { Since = null }, stop);
                Log.RelayClosed(_logger, Relay);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // This loop lives as long as the server: whatever breaks a connection, the next one is tried.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.RelayFailed(_logger, Relay, $"{exception.GetType().Name}: {exception.Message}");
            }
            finally
            {
                lock (_lock)
                {
                    if (_session.Task.IsCompletedSuccessfully && _session.Task.Result == session)
                    {
                        _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                session.Close();
            }

            var delay = Backoff(failures++);
            try
            {
                await Task.Delay(delay, _timeProvider, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.ReconnectMinDelay * Math.Pow(2, Math.Min(failures, 16));
        return delay < _options.ReconnectMaxDelay ? delay : _options.ReconnectMaxDelay;
    }

    private async Task ReceiveAsync(RelaySession session, NostrFilter filter, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            ValueWebSocketReceiveResult result;
            do
            {
                result = await session.Socket.ReceiveAsync(buffer.AsMemory(), stop);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > _options.MaxMessageBytes)
                {
                    throw new InvalidDataException($"A relay message exceeded {_options.MaxMessageBytes} bytes.");
                }
            }
            while (!result.EndOfMessage);

            try
            {
                Handle(message.GetBuffer().AsMemory(0, (int)message.Length), filter);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException)
            {
                // A field of the wrong JSON type (["OK", 5, ...]); the relay is misbehaving, the connection stays.
                Log.RelayMessageIgnored(_logger, Relay);
            }
        }
    }

    private void Handle(ReadOnlyMemory<byte> utf8, NostrFilter filter)
    {
        JsonArray? array;
        try
        {
            array = JsonNode.Parse(utf8.Span) as JsonArray;
        }
        catch (JsonException)
        {
            array = null;
        }

        var type = array is { Count: > 0 } && array[0] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        switch (type)
        {
            case "EVENT" when array!.Count >= 3 && array[1]?.GetValue<string>() == SubscriptionId:
                HandleEvent(array[2], filter);
                break;
            case "OK" when array!.Count >= 3:
                if (array[1]?.GetValue<string>() is { } id && _pendingOk.TryRemove(id, out var pending))
                {
                    pending.TrySetResult((array[2]?.GetValue<bool>() == true, array.Count > 3 ? array[3]?.GetValue<string>() ?? "" : ""));
                }

                break;
            case "NOTICE":
                Log.RelayNotice(_logger, Relay, array!.Count > 1 ? array[1]?.ToString() ?? "" : "");
                break;
            case "CLOSED":
                Log.RelaySubscriptionClosed(_logger, Relay, array!.Count > 2 ? array[2]?.ToString() ?? "" : "");
                break;
            case "EOSE" or "EVENT" or "OK":
                break;
            default:
                Log.RelayMessageIgnored(_logger, Relay);
                break;
        }
    }

    private void HandleEvent(JsonNode? node, NostrFilter filter)
    {
        NostrEvent? nostrEvent;
        try
        {
            nostrEvent = node?.Deserialize<NostrEvent>();
        }
        catch (JsonException)
        {
            nostrEvent = null;
        }

        // Every event is checked here, whatever the relay claims: the id must hash its fields, the signature must hold,
        // and it must match what we asked for (author and p tag), or it is dropped.
        if (nostrEvent is not { Id: not null, PubKey: not null, Sig: not null, Content: not null, Tags: not null }
            || nostrEvent.Tags.Any(tag => tag is null || tag.Any(part => part is null))
            || !NostrEvents.Verify(nostrEvent) || !filter.Matches(nostrEvent))
        {
            Log.EventRejected(_logger, Relay, nostrEvent?.Id ?? "(unparsable)");
            return;
        }

        InterlockedMax(ref _newestSeen, nostrEvent.CreatedAt);
        try
        {
            _onEvent(nostrEvent);
        }
#pragma warning disable CA1031 // A fault in the consumer must not take the relay connection down with it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.EventHandlerFailed(_logger, nostrEvent.Id, exception);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static byte[] Serialize(JsonArray message) => Encoding.UTF8.GetBytes(message.ToJsonString());

    private static async Task SendAsync(RelaySession session, byte[] message, CancellationToken cancellationToken)
    {
        // ClientWebSocket allows one send at a time.
        await session.SendLock.WaitAsync(cancellationToken);
        try
        {
            await session.Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            session.SendLock.Release();
        }
    }
}
