using System.Security.Cryptography;
using System.Text;
using Tessera.Payments.Nwc.Crypto;

namespace Tessera.Payments.Nwc.Nostr;

/// <summary>NIP-01 event ids, signing and verification.</summary>
public static class NostrEvents
{
    /// <summary>Builds and signs an event with <paramref name="keys"/>: id = sha256 of its canonical serialization, sig = BIP-340 over the id.</summary>
    public static NostrEvent Create(NostrKeys keys, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content)
    {
        var id = ComputeId(keys.PublicKeyHex, createdAt, kind, tags, content);
        var signature = Bip340.Sign(keys.SecretKey, id, RandomNumberGenerator.GetBytes(32));
        return new NostrEvent(Convert.ToHexStringLower(id), keys.PublicKeyHex, createdAt, kind, tags, content, Convert.ToHexStringLower(signature));
    }

    /// <summary>True when the event's id is the hash of its fields and its signature is valid for its pubkey.</summary>
    public static bool Verify(NostrEvent nostrEvent)
    {
        if (!TryHex(nostrEvent.Id, 32, out var id) || !TryHex(nostrEvent.PubKey, 32, out var publicKey) || !TryHex(nostrEvent.Sig, 64, out var signature))
        {
            return false;
        }

        var expected = ComputeId(nostrEvent.PubKey, nostrEvent.CreatedAt, nostrEvent.Kind, nostrEvent.Tags, nostrEvent.Content);
        return expected.AsSpan().SequenceEqual(id) && Bip340.Verify(publicKey, id, signature);
    }

    /// <summary>sha256 of the UTF-8 of <c>[0,pubkey,created_at,kind,tags,content]</c> serialized as NIP-01 prescribes.</summary>
    public static byte[] ComputeId(string publicKeyHex, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(publicKeyHex, createdAt, kind, tags, content)));

    /// <summary>
    /// The canonical serialization: no whitespace; in strings only <c>\n \" \\ \r \t \b \f</c> are escaped by name, other
    /// control characters as <c>\u00XX</c>, everything else (non-ASCII included) written as itself.
    /// </summary>
    public static string Serialize(string publicKeyHex, long createdAt, int kind, IReadOnlyList<IReadOnlyList<string>> tags, string content)
    {
        var builder = new StringBuilder(128 + content.Length);
        builder.Append("[0,");
        AppendString(builder, publicKeyHex);
        builder.Append(',').Append(createdAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Append(',').Append(kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Append(",[");
        for (var i = 0; i < tags.Count; i++)
        {
            builder.Append(i == 0 ? "[" : ",[");
            for (var j = 0; j < tags[i].Count; j++)
            {
                if (j > 0)
                {
                    builder.Append(',');
                }

                AppendString(builder, tags[i][j]);
            }

            builder.Append(']');
        }

        builder.Append("],");
        AppendString(builder, content);
        builder.Append(']');
        return builder.ToString();
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }

    private static bool TryHex(string hex, int length, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != length * 2 || !hex.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}
