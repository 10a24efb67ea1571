namespace Tessera.Tests.Payments;

/// <summary>One example invoice of BOLT #11 and what the spec says it holds.</summary>
public sealed record SpecVector(string Name, string Invoice)
{
    public string Network { get; init; } = "mainnet";

    public long? AmountMsat { get; init; }

    public long Timestamp { get; init; } = SpecVectors.Timestamp;

    public string PaymentHash { get; init; } = SpecVectors.PaymentHash;

    public string? PaymentSecret { get; init; } = SpecVectors.PaymentSecret;

    public string? Description { get; init; }

    /// <summary>The text whose SHA-256 the <c>h</c> field holds.</summary>
    public string? HashedDescription { get; init; }

    public int ExpirySeconds { get; init; } = 3600;

    public int MinFinalCltvExpiry { get; init; } = 18;

    public string[] FallbackAddresses { get; init; } = [];

    /// <summary>Each route hop as <c>pubkey scid fee_base fee_ppm cltv_delta</c>.</summary>
    public string[][] Routes { get; init; } = [];

    public int[] Features { get; init; } = [8, 14];

    public string? Metadata { get; init; }

    public override string ToString() => Name;
}
