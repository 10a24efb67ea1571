using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Payments.Nwc;

/// <summary>
/// <see cref="IInvoiceBackend"/> over Nostr Wallet Connect (NIP-47), the way Alby Hub is reached: <c>make_invoice</c>,
/// <c>lookup_invoice</c>, and <c>payment_received</c> notifications. A settlement is only believed when its preimage (if the
/// wallet gives one) hashes to the payment hash.
/// </summary>
public sealed class NwcInvoiceBackend : IInvoiceBackend, IDisposable
{
    private readonly NwcClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly SettlementFeed _settlements = new();

    public NwcInvoiceBackend(NwcClient client, TimeProvider timeProvider)
    {
        _client = client;
        _timeProvider = timeProvider;
        _client.NotificationReceived += OnNotification;
    }

    public string Name => "nwc";

    public async Task<CreatedInvoice> CreateInvoiceAsync(long amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMsat);
        var parameters = new JsonObject
        {
            ["amount"] = amountMsat,
            ["description"] = description,
            ["expiry"] = (long)Math.Ceiling(expiry.TotalSeconds),
        };
        var result = await _client.RequestAsync("make_invoice", parameters, cancellationToken);
        var invoice = String(result, "invoice") ?? throw BadResponse("make_invoice returned no invoice");
        var paymentHash = PaymentHash(result) ?? throw BadResponse("make_invoice returned no valid payment_hash");
        var expiresAt = Integer(result, "expires_at") is { } at
            ? DateTimeOffset.FromUnixTimeSeconds(at)
            : (Integer(result, "created_at") is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : _timeProvider.GetUtcNow()) + expiry;
        return new CreatedInvoice(invoice, paymentHash, expiresAt);
    }

    public async Task<InvoiceState?> LookupAsync(string paymentHash, CancellationToken cancellationToken = default)
    {
        JsonElement result;
        try
        {
            result = await _client.RequestAsync("lookup_invoice", new JsonObject { ["payment_hash"] = paymentHash }, cancellationToken);
        }
        catch (NwcException exception) when (exception.Code == "NOT_FOUND")
        {
            return null;
        }

        var settledAt = Integer(result, "settled_at") is { } at and > 0 ? DateTimeOffset.FromUnixTimeSeconds(at) : (DateTimeOffset?)null;
        var settled = settledAt is not null || String(result, "state") == "settled";
        var preimage = String(result, "preimage")?.ToLowerInvariant();
        if (settled && preimage is not null && !PreimageMatches(preimage, paymentHash))
        {
            throw BadResponse("lookup_invoice returned a preimage that does not hash to the payment hash");
        }

        // NIP-47's lookup_invoice carries one amount: what the invoice asked, and once settled what was received. The
        // backend passes it on as paid; the seller checks it against its own price (InvoiceState.PaysAtLeast).
        var amount = Integer(result, "amount") ?? 0;
        var state = new InvoiceState(paymentHash, settled, settled ? preimage : null, settled ? settledAt ?? _timeProvider.GetUtcNow() : null, amount, settled ? amount : 0);
        if (settled)
        {
            _settlements.Publish(new InvoiceSettlement(paymentHash, state.Preimage, state.SettledAt!.Value));
        }

        return state;
    }

    public IAsyncEnumerable<InvoiceSettlement> WatchSettlementsAsync(CancellationToken cancellationToken)
    {
        // Watching needs the subscription open even before the first request.
        _client.Start();
        return _settlements.WatchAsync(cancellationToken);
    }

    /// <summary>Stops listening to the client; the client (a singleton of its own) closes its relays when it is disposed.</summary>
    public void Dispose() => _client.NotificationReceived -= OnNotification;

    private void OnNotification(NwcNotification notification)
    {
        if (notification.Type != "payment_received" || PaymentHash(notification.Notification) is not { } paymentHash)
        {
            return;
        }

        var preimage = String(notification.Notification, "preimage")?.ToLowerInvariant();
        if (preimage is not null && !PreimageMatches(preimage, paymentHash))
        {
            return;
        }

        var settledAt = Integer(notification.Notification, "settled_at") is { } at and > 0 ? DateTimeOffset.FromUnixTimeSeconds(at) : _timeProvider.GetUtcNow();
        _settlements.Publish(new InvoiceSettlement(paymentHash, preimage, settledAt));
    }

    private static bool PreimageMatches(string preimage, string paymentHash) =>
        preimage.Length == 64 && preimage.All(char.IsAsciiHexDigitLower)
        && Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(preimage))) == paymentHash;

    private static string? PaymentHash(JsonElement result) =>
        String(result, "payment_hash")?.ToLowerInvariant() is { Length: 64 } hash && hash.All(char.IsAsciiHexDigitLower) ? hash : null;

    private static string? String(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Integer(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static NwcException BadResponse(string message) => new(NwcException.BadResponse, message + ".");
}
