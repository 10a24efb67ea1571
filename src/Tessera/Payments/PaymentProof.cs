using System.Security.Cryptography;

namespace Tessera.Payments;

/// <summary>
/// A Lightning preimage as proof of payment: only the payee's node knows it until the invoice is paid, so
/// <c>sha256(preimage) == paymentHash</c> proves the payment whichever backend made the invoice.
/// </summary>
public static class PaymentProof
{
    public const int PreimageBytes = 32;

    /// <summary>The preimage from its 64-character hex form (either case); null when it is not one.</summary>
    public static byte[]? ParseHex(string? hex)
    {
        if (hex is not { Length: PreimageBytes * 2 })
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The payment hash a preimage answers: lowercase hex of its SHA-256.</summary>
    public static string HashOf(ReadOnlySpan<byte> preimage) => Convert.ToHexStringLower(SHA256.HashData(preimage));

    /// <summary>Whether <paramref name="preimage"/> hashes to <paramref name="paymentHash"/>, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> preimage, string paymentHash)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(preimage, hash);
        Span<byte> expected = stackalloc byte[32];
        return paymentHash.Length == 64
            && Convert.FromHexString(paymentHash, expected, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32
            && CryptographicOperations.FixedTimeEquals(hash, expected);
    }
}
