using Tessera.Common;
using Tessera.Payments.Nwc.Crypto;

namespace Tessera.Payments.Nwc;

/// <summary>
/// A NIP-47 connection string, <c>nostr+walletconnect://&lt;wallet pubkey hex&gt;?relay=&lt;ws(s) url&gt;&amp;secret=&lt;client secret hex&gt;[&amp;lud16=...]</c>;
/// <c>relay</c> may repeat. The secret is the client's own signing and encryption key for this connection only.
/// </summary>
public sealed record NwcConnectionUri(string WalletPublicKeyHex, IReadOnlyList<Uri> Relays, byte[] ClientSecret, string? Lud16)
{
    private const string Scheme = "nostr+walletconnect:";

    public static Result<NwcConnectionUri> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("it must start with nostr+walletconnect://");
        }

        var rest = text[Scheme.Length..].TrimStart('/');
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var walletKey = (question < 0 ? rest : rest[..question]).ToLowerInvariant();
        if (!IsHex32(walletKey) || Secp256k1.LiftX(Convert.FromHexString(walletKey)) is null)
        {
            return Invalid("the wallet public key must be 64 hex characters of a secp256k1 x coordinate");
        }

        var relays = new List<Uri>();
        string? secret = null;
        string? lud16 = null;
        foreach (var pair in (question < 0 ? "" : rest[(question + 1)..]).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            switch (name)
            {
                case "relay":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var relay) || relay.Scheme is not ("wss" or "ws"))
                    {
                        return Invalid($"relay '{value}' is not a ws:// or wss:// URL");
                    }

                    relays.Add(relay);
                    break;
                case "secret":
                    secret = value.ToLowerInvariant();
                    break;
                case "lud16":
                    lud16 = value;
                    break;
            }
        }

        if (relays.Count == 0)
        {
            return Invalid("it names no relay");
        }

        if (secret is null || !IsHex32(secret) || Secp256k1.SecretScalar(Convert.FromHexString(secret)) is null)
        {
            return Invalid("secret must be 64 hex characters of a valid secp256k1 secret key");
        }

        return new NwcConnectionUri(walletKey, relays, Convert.FromHexString(secret), lud16);
    }

    private static bool IsHex32(string hex) => hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower);

    private static Error Invalid(string reason) => Error.Validation($"Tessera:Lightning:Nwc:ConnectionUri is not a NIP-47 connection URI: {reason}.");
}
