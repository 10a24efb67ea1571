using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Payments.Nwc.Crypto;
using Tessera.Payments.Nwc.Nostr;

namespace Tessera.Tests.Payments.Nwc.Fakes;

/// <summary>
/// A NIP-47 wallet service with its own key, connected to a relay through the production relay connection: answers
/// make_invoice and lookup_invoice (NIP-44 v2) and pushes payment_received notifications when told an invoice is paid.
/// <see cref="EncodeInvoice"/> makes the invoice string; the default is a deterministic <c>lnbcrt...</c> stand-in (the real
/// BOLT11 encoder lives elsewhere and can be plugged in here).
/// </summary>
internal sealed class FakeWallet : IAsyncDisposable
{
    private readonly NostrRelayConnection _relay;
    private readonly ConcurrentDictionary<string, FakeInvoice> _invoices = new(StringComparer.Ordinal);

    public FakeWallet(Uri relay)
    {
        _relay = new NostrRelayConnection(
            relay,
            _ => new NostrFilter([23194], [], new Dictionary<string, IReadOnlyList<string>> { ["p"] = [Keys.PublicKeyHex] }),
            request => _ = Task.Run(() => AnswerAsync(request)),
            new NostrRelayOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)),
            TimeProvider.System,
            NullLogger.Instance);
        _relay.Start();
    }

    public NostrKeys Keys { get; } = NostrKeys.Generate();

    public NostrRelayConnection Relay => _relay;

    public Func<long, string, string, string> EncodeInvoice { get; set; } =
        (amountMsat, _, paymentHash) => $"lnbcrt{amountMsat}p1fake{paymentHash}";

    /// <summary>When set, every request is answered with this NIP-47 error code.</summary>
    public string? FailWith { get; set; }

    /// <summary>When true, requests are read and never answered.</summary>
    public bool Silent { get; set; }

    public int RequestsSeen;

    public string ConnectionUri(NostrKeys client, params Uri[] relays) =>
        $"nostr+walletconnect://{Keys.PublicKeyHex}?{string.Join('&', relays.Select(r => "relay=" + Uri.EscapeDataString(r.ToString())))}&secret={Convert.ToHexStringLower(client.SecretKey)}&lud16=tessera%40example.com";

    /// <summary>Marks the invoice paid and notifies its requester (kind 23197).</summary>
    public async Task SettleAsync(string paymentHash)
    {
        var invoice = _invoices[paymentHash];
        invoice.SettledAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var notification = new JsonObject { ["notification_type"] = "payment_received", ["notification"] = Describe(invoice) };
        await _relay.PublishAsync(Encrypted(23197, invoice.Client, [], notification), CancellationToken.None);
    }

    /// <summary>A payment_received notification from this wallet whose signature is broken (what a forging relay would send).</summary>
    public JsonNode ForgedNotification(string clientPublicKeyHex, string paymentHash, string preimage)
    {
        var notification = new JsonObject
        {
            ["notification_type"] = "payment_received",
            ["notification"] = new JsonObject { ["type"] = "incoming", ["payment_hash"] = paymentHash, ["preimage"] = preimage, ["amount"] = 1000, ["settled_at"] = 1 },
        };
        var genuine = Encrypted(23197, clientPublicKeyHex, [], notification);
        var sig = genuine.Sig.ToCharArray();
        sig[10] = sig[10] == '0' ? '1' : '0';
        return JsonSerializer.SerializeToNode(genuine with { Sig = new string(sig) })!;
    }

    public async ValueTask DisposeAsync() => await _relay.DisposeAsync();

    private async Task AnswerAsync(NostrEvent request)
    {
        Interlocked.Increment(ref RequestsSeen);
        var conversationKey = Nip44.ConversationKey(Keys.SecretKey, Convert.FromHexString(request.PubKey));
        var body = JsonNode.Parse(Nip44.Decrypt(request.Content, conversationKey).Value)!.AsObject();
        var method = body["method"]!.GetValue<string>();
        var parameters = body["params"]!.AsObject();
        if (Silent)
        {
            return;
        }

        var response = new JsonObject { ["result_type"] = method };
        if (FailWith is { } code)
        {
            response["error"] = new JsonObject { ["code"] = code, ["message"] = $"fake wallet says {code}" };
        }
        else if (method == "make_invoice")
        {
            var preimage = RandomNumberGenerator.GetBytes(32);
            var hash = Convert.ToHexStringLower(SHA256.HashData(preimage));
            var amount = parameters["amount"]!.GetValue<long>();
            var description = parameters["description"]?.GetValue<string>() ?? "";
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var invoice = new FakeInvoice(EncodeInvoice(amount, description, hash), hash, Convert.ToHexStringLower(preimage), amount, description,
                now, now + (parameters["expiry"]?.GetValue<long>() ?? 3600), request.PubKey);
            _invoices[hash] = invoice;
            response["result"] = Describe(invoice);
        }
        else if (method == "lookup_invoice" && _invoices.TryGetValue(parameters["payment_hash"]!.GetValue<string>(), out var found))
        {
            response["result"] = Describe(found);
        }
        else if (method == "lookup_invoice")
        {
            response["error"] = new JsonObject { ["code"] = "NOT_FOUND", ["message"] = "no such invoice" };
        }
        else
        {
            response["error"] = new JsonObject { ["code"] = "NOT_IMPLEMENTED", ["message"] = method };
        }

        await _relay.PublishAsync(Encrypted(23195, request.PubKey, [["e", request.Id]], response), CancellationToken.None);
    }

    private NostrEvent Encrypted(int kind, string recipient, IReadOnlyList<IReadOnlyList<string>> extraTags, JsonObject body)
    {
        var conversationKey = Nip44.ConversationKey(Keys.SecretKey, Convert.FromHexString(recipient));
        IReadOnlyList<IReadOnlyList<string>> tags = [["p", recipient], .. extraTags, ["encryption", "nip44_v2"]];
        return NostrEvents.Create(Keys, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), kind, tags, Nip44.Encrypt(body.ToJsonString(), conversationKey));
    }

    private static JsonObject Describe(FakeInvoice invoice)
    {
        var result = new JsonObject
        {
            ["type"] = "incoming",
            ["state"] = invoice.SettledAt is null ? "pending" : "settled",
            ["invoice"] = invoice.Bolt11,
            ["description"] = invoice.Description,
            ["payment_hash"] = invoice.PaymentHash,
            ["amount"] = invoice.AmountMsat,
            ["fees_paid"] = 0,
            ["created_at"] = invoice.CreatedAt,
            ["expires_at"] = invoice.ExpiresAt,
            ["metadata"] = new JsonObject(),
        };
        if (invoice.SettledAt is { } settledAt)
        {
            result["settled_at"] = settledAt;
            result["preimage"] = invoice.Preimage;
        }

        return result;
    }

    private sealed record FakeInvoice(string Bolt11, string PaymentHash, string Preimage, long AmountMsat, string Description, long CreatedAt, long ExpiresAt, string Client)
    {
        public long? SettledAt { get; set; }
    }
}
