namespace Tessera.Payments.Bolt11;

/// <summary>
/// A BOLT #11 invoice. Hashes, keys, metadata and the signature are lowercase hex. <see cref="Fields"/> holds the tagged
/// fields exactly as a decoded invoice carried them, in order, including those this model does not read (unknown types,
/// unknown fallback versions, fields of the wrong length): <see cref="Bolt11Codec.Encode"/> follows that order and copies
/// those verbatim, so decoding and re-encoding an invoice with the same key gives back the same string. An invoice
/// built in code leaves <see cref="Fields"/> empty and gets the canonical order.
/// </summary>
public sealed record Bolt11Invoice
{
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromSeconds(3600);
    public const int DefaultMinFinalCltvExpiry = 18;

    public required Bolt11Network Network { get; init; }

    /// <summary>Null for an invoice of any amount.</summary>
    public long? AmountMsat { get; init; }

    /// <summary>Whole seconds (BOLT #11 timestamps are seconds since 1970).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public required string PaymentHash { get; init; }

    public string? PaymentSecret { get; init; }

    public string? Description { get; init; }

    public string? DescriptionHash { get; init; }

    public TimeSpan Expiry { get; init; } = DefaultExpiry;

    public int MinFinalCltvExpiry { get; init; } = DefaultMinFinalCltvExpiry;

    public IReadOnlyList<Bolt11Fallback> Fallbacks { get; init; } = [];

    /// <summary>Private routes, one per <c>r</c> field, each a list of hops from a public node to the payee.</summary>
    public IReadOnlyList<IReadOnlyList<Bolt11RouteHop>> Routes { get; init; } = [];

    /// <summary>The feature bits set in the <c>9</c> field, ascending.</summary>
    public IReadOnlyList<int> Features { get; init; } = [];

    /// <summary>The <c>m</c> field: payment metadata the payer passes back to the payee.</summary>
    public string? Metadata { get; init; }

    /// <summary>The payee's node key: the <c>n</c> field when the invoice has one, otherwise recovered from the signature.</summary>
    public string? PayeePubKey { get; init; }

    /// <summary>The 64-byte compact signature (r ‖ s); null on an invoice not yet encoded.</summary>
    public string? Signature { get; init; }

    public int RecoveryId { get; init; }

    /// <summary>The tagged fields as decoded, in order (empty for an invoice built in code).</summary>
    public IReadOnlyList<Bolt11TaggedField> Fields { get; init; } = [];

    public DateTimeOffset ExpiresAt => Timestamp + Expiry;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
