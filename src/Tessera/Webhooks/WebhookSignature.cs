using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com/): <c>v1,</c> + base64 of
/// HMAC-SHA256(key = base64-decoded secret after <c>whsec_</c>, data = <c>{id}.{timestamp}.{body}</c>).
/// Depends on nothing but the base library, so the SDK and users can verify with the very same code.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a <c>webhook-timestamp</c> may be from now, either way, before a delivery is refused as a replay.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new secret: <c>whsec_</c> + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value for one secret: <c>v1,&lt;base64&gt;</c>.</summary>
    public static string Sign(string secret, string id, long timestamp, string body) =>
        Sign(secret, id, timestamp, Encoding.UTF8.GetBytes(body));

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(Key(secret), id, timestamp, body, mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>
    /// True when one of the space-separated signatures in <paramref name="signatureHeader"/> is a valid <c>v1</c>
    /// signature of this id, timestamp and body, and the timestamp lies within <paramref name="tolerance"/>
    /// (default 5 minutes) of <paramref name="now"/> (default: the system clock). Compares in constant time.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader, DateTimeOffset? now = null, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var current = (now ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds();
        if (Math.Abs(current - seconds) > (long)(tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(Key(secret), id, seconds, Encoding.UTF8.GetBytes(body), expected);
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(part[3..], presented, out var written)
                && written == presented.Length
                && CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The HMAC key: the secret without <c>whsec_</c>, base64-decoded (the reference libraries accept either form).</summary>
    public static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    internal static void Compute(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.")));
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }
}
