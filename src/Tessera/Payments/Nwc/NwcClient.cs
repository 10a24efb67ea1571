using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Payments.Nwc.Crypto;
using Tessera.Payments.Nwc.Nostr;

namespace Tessera.Payments.Nwc;

/// <summary>
/// A NIP-47 client: requests are kind 23194 events to the wallet (NIP-44 v2 encrypted <c>{method, params}</c>, tagged
/// <c>p</c> = wallet, <c>encryption</c> = <c>nip44_v2</c>, <c>expiration</c> = now + timeout); answers are kind 23195 events
/// from the wallet whose <c>e</c> tag is the request id; notifications are kind 23197. Every relay in the connection URI is
/// used: a request goes to all of them and the first answer wins; an event seen on two relays is handled once.
/// </summary>
public sealed class NwcClient : IAsyncDisposable
{
    public const int RequestKind = 23194;
    public const int ResponseKind = 23195;
    public const int NotificationKind = 23197;

    private readonly NwcConnectionUri _connection;
    private readonly NostrKeys _keys;
    private readonly byte[] _conversationKey;
    private readonly NwcOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<NwcClient> _logger;
    private readonly long _firstSince;
    private readonly RecentEventIds _seen = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);

    public NwcClient(IOptions<NwcOptions> options, TimeProvider timeProvider, ILogger<NwcClient> logger)
    {
        _options = options.Value;
        var parsed = NwcConnectionUri.Parse(_options.ConnectionUri);
        _connection = parsed.IsSuccess ? parsed.Value : throw new InvalidOperationException(parsed.Error.Message);
        _keys = new NostrKeys(_connection.ClientSecret);
        _conversationKey = Nip44.ConversationKey(_connection.ClientSecret, Convert.FromHexString(_connection.WalletPublicKeyHex));
        _timeProvider = timeProvider;
        _logger = logger;
        _firstSince = (timeProvider.GetUtcNow() - _options.InitialLookback).ToUnixTimeSeconds();
        var relayOptions = new NostrRelayOptions(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        Relays = [.. _connection.Relays.Select(relay => new NostrRelayConnection(relay, Subscription, OnEvent, relayOptions, timeProvider, logger))];
    }

    /// <summary>Raised on a relay's receive loop for each verified, decrypted notification; handlers must not block.</summary>
    public event Action<NwcNotification>? NotificationReceived;

    public string ClientPublicKeyHex => _keys.PublicKeyHex;

    public string WalletPublicKeyHex => _connection.WalletPublicKeyHex;

    public IReadOnlyList<NostrRelayConnection> Relays { get; }

    /// <summary>Connects to the relays and subscribes (idempotent); requests and watchers call it.</summary>
    public void Start()
    {
        foreach (var relay in Relays)
        {
            relay.Start();
        }
    }

    /// <summary>
    /// Sends <paramref name="method"/> and returns the wallet's <c>result</c>. Throws <see cref="NwcException"/> with the
    /// wallet's error code, <c>TIMEOUT</c> after <see cref="NwcOptions.RequestTimeout"/>, <c>RELAY_REJECTED</c> or <c>BAD_RESPONSE</c>.
    /// </summary>
    public async Task<JsonElement> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        Start();
        var now = _timeProvider.GetUtcNow();
        var content = new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString();
        IReadOnlyList<IReadOnlyList<string>> tags =
        [
            ["p", _connection.WalletPublicKeyHex],
            ["encryption", "nip44_v2"],
            ["expiration", (now + _options.RequestTimeout).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)],
        ];
        var request = NostrEvents.Create(_keys, now.ToUnixTimeSeconds(), RequestKind, tags, Nip44.Encrypt(content, _conversationKey));

        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.Id] = answer;
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await PublishAsync(method, request, linked.Token);
            return Unwrap(method, await answer.Task.WaitAsync(linked.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var connected = Relays.Count(relay => relay.IsConnected);
            throw new NwcException(NwcException.Timeout,
                $"the wallet did not answer {method} within {_options.RequestTimeout.TotalSeconds:0.###} s ({connected} of {Relays.Count} relays connected).");
        }
        finally
        {
            _pending.TryRemove(request.Id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in Relays)
        {
            await relay.DisposeAsync();
        }
    }

    private NostrFilter Subscription(long? newestSeen) => new(
        [ResponseKind, NotificationKind],
        [_connection.WalletPublicKeyHex],
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["p"] = [_keys.PublicKeyHex] },
        newestSeen ?? _firstSince);

    /// <summary>Publishes to every relay; done when one accepts. All refusing is <c>RELAY_REJECTED</c>.</summary>
    private async Task PublishAsync(string method, NostrEvent request, CancellationToken cancellationToken)
    {
        using var others = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var attempts = Relays.ToDictionary(relay => relay.PublishAsync(request, others.Token), relay => relay);
        var reasons = new List<string>();
        try
        {
            while (attempts.Count > 0)
            {
                var done = await Task.WhenAny(attempts.Keys);
                var relay = attempts[done];
                attempts.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    return;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var reason = done.Exception?.GetBaseException().Message ?? "cancelled";
                Log.PublishFailed(_logger, method, relay.Relay, reason);
                reasons.Add(reason);
            }
        }
        finally
        {
            // The first OK is enough; stop waiting on the slower relays.
            await others.CancelAsync();
        }

        throw new NwcException(NwcException.RelayRejected, string.Join("; ", reasons));
    }

    private static JsonElement Unwrap(string method, JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            throw new NwcException(NwcException.BadResponse, $"the answer to {method} is not a JSON object.");
        }

        if (response.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "OTHER";
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
            throw new NwcException(code, message);
        }

        if (!response.TryGetProperty("result_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != method)
        {
            throw new NwcException(NwcException.BadResponse, $"the answer to {method} has another result_type.");
        }

        if (!response.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            throw new NwcException(NwcException.BadResponse, $"the answer to {method} has no result.");
        }

        return result;
    }

    /// <summary>Runs on a relay's receive loop for events whose id and signature already verified.</summary>
    private void OnEvent(NostrEvent nostrEvent)
    {
        if (!_seen.Add(nostrEvent.Id))
        {
            return;
        }

        var plaintext = Nip44.Decrypt(nostrEvent.Content, _conversationKey);
        if (!plaintext.IsSuccess)
        {
            Log.UndecryptableEvent(_logger, nostrEvent.Id, plaintext.Error.Code);
            return;
        }

        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(plaintext.Value);
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Log.MalformedPayload(_logger, nostrEvent.Id);
            return;
        }

        if (nostrEvent.Kind == ResponseKind)
        {
            if (nostrEvent.FirstTagValue("e") is { } requestId && _pending.TryGetValue(requestId, out var pending))
            {
                pending.TrySetResult(payload);
            }
            else
            {
                Log.UnmatchedResponse(_logger, nostrEvent.Id);
            }

            return;
        }

        if (payload.ValueKind == JsonValueKind.Object
            && payload.TryGetProperty("notification_type", out var type) && type.ValueKind == JsonValueKind.String
            && payload.TryGetProperty("notification", out var notification) && notification.ValueKind == JsonValueKind.Object)
        {
            NotificationReceived?.Invoke(new NwcNotification(type.GetString()!, notification));
        }
        else
        {
            Log.MalformedPayload(_logger, nostrEvent.Id);
        }
    }
}
