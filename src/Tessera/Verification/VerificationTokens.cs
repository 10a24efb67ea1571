using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Verification;

/// <summary>Session tokens: <c>vt_</c> + 32 random bytes in base64url; the database keeps only their SHA-256.</summary>
internal static class VerificationTokens
{
    public const string Prefix = "vt_";

    // Far longer than any token made here (46 characters); hashing attacker-sized input is pointless.
    private const int MaxLength = 100;

    public static string New()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return Prefix + Base64Url.EncodeToString(secret);
    }

    /// <summary>The stored form of <paramref name="token"/>, or null when it cannot be a token.</summary>
    public static string? Hash(string? token) =>
        token is { Length: > 0 and <= MaxLength } && token.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))
            : null;
}
