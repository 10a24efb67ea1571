namespace Tessera.Payments;

/// <summary>
/// Where Lightning invoices come from and where their settlement is learned: the built-in dev wallet (default), LND's
/// REST API, or a Nostr Wallet Connect wallet (Alby Hub). Chosen by <c>Tessera:Lightning:Backend</c> (<c>dev</c> | <c>lnd</c> | <c>nwc</c>).
/// Payment hashes and preimages are lowercase hex (64 characters).
/// </summary>
public interface IInvoiceBackend
{
    /// <summary><c>dev</c>, <c>lnd</c> or <c>nwc</c>.</summary>
    string Name { get; }

    /// <summary>Asks the node for a BOLT11 invoice of <paramref name="amountMsat"/> millisatoshis.</summary>
    Task<CreatedInvoice> CreateInvoiceAsync(long amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>The invoice's state as the node sees it, or null when the node does not know the hash.</summary>
    Task<InvoiceState?> LookupAsync(string paymentHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Settlement notices as the node pushes them (LND's invoice subscription, NWC's <c>payment_received</c>, the dev
    /// wallet's own payments), for as long as <paramref name="cancellationToken"/> allows. A consumer that misses some
    /// (a reconnect) falls back on <see cref="LookupAsync"/> for invoices still pending.
    /// </summary>
    IAsyncEnumerable<InvoiceSettlement> WatchSettlementsAsync(CancellationToken cancellationToken);
}

/// <summary>An invoice the node made: the BOLT11 string, its payment hash and when it stops being payable.</summary>
public sealed record CreatedInvoice(string Bolt11, string PaymentHash, DateTimeOffset ExpiresAt);

/// <summary>
/// An invoice's state; <see cref="Preimage"/> is known once it is settled (when the node reveals it). A backend reports
/// <see cref="Settled"/> only when <see cref="PaidMsat"/> (what the node received) is at least <see cref="AmountMsat"/>
/// (issue #11: an underpaid invoice is not paid); a backend that cannot tell what was received leaves it 0, which
/// <see cref="PaysAtLeast"/> treats as unpaid.
/// </summary>
public sealed record InvoiceState(string PaymentHash, bool Settled, string? Preimage, DateTimeOffset? SettledAt, long AmountMsat, long PaidMsat = 0)
{
    /// <summary>Settled, and what was received covers <paramref name="priceMsat"/> (the seller's own price, not the node's word for it).</summary>
    public bool PaysAtLeast(long priceMsat) => Settled && PaidMsat >= priceMsat;
}

/// <summary>The node saw the invoice with this hash paid.</summary>
public sealed record InvoiceSettlement(string PaymentHash, string? Preimage, DateTimeOffset SettledAt);
