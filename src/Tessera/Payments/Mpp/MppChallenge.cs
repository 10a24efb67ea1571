using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tessera.Payments.Mpp;

/// <summary>
/// An MPP challenge, in the form of the "Payment" HTTP authentication scheme (draft-ryan-httpauth-payment) with the
/// Lightning "charge" intent (draft-lightning-charge): <c>request</c> is the base64url of the JCS-serialized
/// <c>{amount, currency:"sat", externalId, methodDetails:{invoice, network?, paymentHash}}</c>, and <c>id</c> is an
/// HMAC-SHA256 (server key) of realm, method, intent, request and expires, so an echoed challenge proves this server
/// issued exactly those parameters without storing the challenge. The same header also carries <c>invoice="lnbc…"</c>
/// for the seed's simpler clients. Made by <see cref="MppChallenges.IssueAsync"/>.
/// </summary>
public sealed record MppChallenge(string Id, string Realm, string Request, string Expires, string Invoice)
{
    public const string Scheme = "Payment";
    public const string Method = "lightning";
    public const string Intent = "charge";

    internal static MppChallenge For(MppCharge charge, string realm, byte[] key)
    {
        var request = Base64Url(RequestJson(charge));
        var expires = Rfc3339(charge.ExpiresAt);
        return new MppChallenge(Sign(key, realm, Method, Intent, request, expires), realm, request, expires, charge.Invoice);
    }

    /// <summary>The <c>WWW-Authenticate</c> value.</summary>
    public string Header() =>
        $"{Scheme} id=\"{Id}\", realm=\"{Realm}\", method=\"{Method}\", intent=\"{Intent}\", request=\"{Request}\", expires=\"{Expires}\", invoice=\"{Invoice}\"";

    /// <summary>The id this server would give a challenge with these parameters.</summary>
    internal static string Sign(byte[] key, string realm, string method, string intent, string request, string expires) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n', realm, method, intent, request, expires))));

    internal static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>base64url with or without padding (the drafts require accepting both); null when it is not base64url.</summary>
    internal static byte[]? FromBase64Url(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var standard = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>JCS (RFC 8785) by construction: keys written in sorted order, no whitespace, ASCII-only values.</summary>
    private static byte[] RequestJson(MppCharge charge)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("amount", charge.Sats.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("currency", "sat");
            writer.WriteString("externalId", charge.ExternalId);
            writer.WriteStartObject("methodDetails");
            writer.WriteString("invoice", charge.Invoice);
            if (Network(charge.Invoice) is { } network)
            {
                writer.WriteString("network", network);
            }

            writer.WriteString("paymentHash", charge.PaymentHash);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The draft's network names from the BOLT11 prefix (testnet has none there, so it is left out).</summary>
    private static string? Network(string invoice) =>
        invoice.StartsWith("lnbcrt", StringComparison.OrdinalIgnoreCase) ? "regtest"
        : invoice.StartsWith("lntbs", StringComparison.OrdinalIgnoreCase) ? "signet"
        : invoice.StartsWith("lnbc", StringComparison.OrdinalIgnoreCase) ? "mainnet"
        : null;
}
