using System.Security.Cryptography;
using System.Text;
using Tessera.Common;

namespace Tessera.Payments.Bolt11;

/// <summary>
/// BOLT #11 invoices to and from their bech32 strings. The signature covers SHA-256 of the hrp (UTF-8) followed by the
/// data part's words before the signature, packed into bytes and zero-padded; <see cref="Decode"/> checks it against the
/// <c>n</c> field when there is one and otherwise recovers the payee's key from it.
/// </summary>
public static class Bolt11Codec
{
    private const int TimestampWords = 7;   // 35 bits
    private const int SignatureWords = 104; // 520 bits: 64-byte signature + recovery id
    private const int MaxDataLength = 1023; // 10-bit data_length
    private const string UriScheme = "lightning:";

    public static Result<Bolt11Invoice> Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.StartsWith(UriScheme, StringComparison.OrdinalIgnoreCase))
        {
            text = text[UriScheme.Length..];
        }

        var bech32 = Bech32.Decode(text);
        if (!bech32.IsSuccess)
        {
            return bech32.Error;
        }

        var (hrp, words) = bech32.Value;
        var prefix = ParsePrefix(hrp);
        if (!prefix.IsSuccess)
        {
            return prefix.Error;
        }

        if (words.Length < TimestampWords + SignatureWords)
        {
            return Bolt11Errors.Malformed($"The invoice is too short: {words.Length} data words, a timestamp and a signature alone take {TimestampWords + SignatureWords}.");
        }

        var signed = words.AsSpan(0, words.Length - SignatureWords);
        var fields = SplitFields(signed[TimestampWords..]);
        if (!fields.IsSuccess)
        {
            return fields.Error;
        }

        var values = Bolt11Fields.Read(fields.Value);
        if (!values.IsSuccess)
        {
            return values.Error;
        }

        var read = values.Value;
        if (read.PaymentHash is null)
        {
            return Bolt11Errors.Malformed("The invoice has no payment hash (p) field.");
        }

        var signatureBytes = Words.ToBytes(words.AsSpan(words.Length - SignatureWords));
        var signature = signatureBytes.AsSpan(0, 64);
        int recoveryId = signatureBytes[64];
        var hash = SigningHash(hrp, signed);
        string payee;
        if (read.PayeePubKey is not null)
        {
            if (!Secp256k1.Verify(hash, signature, Convert.FromHexString(read.PayeePubKey)))
            {
                return Bolt11Errors.Malformed("The signature does not match the payee's key (n field).");
            }

            payee = read.PayeePubKey;
        }
        else
        {
            var recovered = Secp256k1.Recover(hash, signature, recoveryId);
            if (recovered is null)
            {
                return Bolt11Errors.Malformed("The signature is not recoverable: no public key made it.");
            }

            payee = Convert.ToHexStringLower(recovered);
        }

        return new Bolt11Invoice
        {
            Network = prefix.Value.Network,
            AmountMsat = prefix.Value.AmountMsat,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds((long)Words.ToNumber(signed[..TimestampWords])),
            PaymentHash = read.PaymentHash,
            PaymentSecret = read.PaymentSecret,
            Description = read.Description,
            DescriptionHash = read.DescriptionHash,
            Expiry = read.Expiry ?? Bolt11Invoice.DefaultExpiry,
            MinFinalCltvExpiry = read.MinFinalCltvExpiry ?? Bolt11Invoice.DefaultMinFinalCltvExpiry,
            Fallbacks = read.Fallbacks,
            Routes = read.Routes,
            Features = read.Features ?? [],
            Metadata = read.Metadata,
            PayeePubKey = payee,
            Signature = Convert.ToHexStringLower(signature),
            RecoveryId = recoveryId,
            Fields = fields.Value,
        };
    }

    /// <summary>
    /// Signs <paramref name="invoice"/> with the payee's <paramref name="privateKey"/> (32 bytes) and returns its string.
    /// The signature is deterministic, so the same invoice and key always give the same string.
    /// </summary>
    public static string Encode(Bolt11Invoice invoice, ReadOnlySpan<byte> privateKey)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var hrp = "ln" + invoice.Network.Prefix + Bolt11Amount.Format(invoice.AmountMsat);

        var data = new List<byte>(512);
        var seconds = invoice.Timestamp.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        var timestamp = Words.FromNumber((ulong)seconds);
        if (timestamp.Length > TimestampWords)
        {
            throw new ArgumentOutOfRangeException(nameof(invoice), "The timestamp does not fit 35 bits.");
        }

        data.AddRange(new byte[TimestampWords - timestamp.Length]);
        data.AddRange(timestamp);
        foreach (var field in OrderFields(invoice, privateKey))
        {
            if (field.Data.Length > MaxDataLength)
            {
                throw new ArgumentException($"The {field.Letter} field is {field.Data.Length} words; a field holds at most {MaxDataLength} (use a description hash for long descriptions).", nameof(invoice));
            }

            data.Add((byte)field.Type);
            data.Add((byte)(field.Data.Length >> 5));
            data.Add((byte)(field.Data.Length & 31));
            data.AddRange(field.Data);
        }

        var signedWords = data.ToArray();
        var (signature, recoveryId) = Secp256k1.SignRecoverable(SigningHash(hrp, signedWords), privateKey);
        return Bech32.Encode(hrp, [.. signedWords, .. Words.FromBytes([.. signature, (byte)recoveryId])]);
    }

    /// <summary>
    /// The fields to write: the decoded invoice's own order when it has one (fields the reader skipped copied verbatim,
    /// the ones it read written from the current values), then whatever values that order had no place for.
    /// </summary>
    private static List<Bolt11TaggedField> OrderFields(Bolt11Invoice invoice, ReadOnlySpan<byte> privateKey)
    {
        Bolt11FieldValues? template = null;
        if (invoice.Fields.Count > 0)
        {
            var read = Bolt11Fields.Read(invoice.Fields);
            template = read.IsSuccess ? read.Value : throw new ArgumentException($"The invoice's fields do not read: {read.Error.Message}", nameof(invoice));
        }

        var writesPayee = invoice.PayeePubKey is not null && (template is null || template.PayeePubKey is not null);
        // Only then is the public key needed: deriving it costs about a third of a signature.
        if (writesPayee && invoice.PayeePubKey != Convert.ToHexStringLower(Secp256k1.PublicKey(privateKey)))
        {
            throw new ArgumentException("PayeePubKey (the n field) is not the public key of the signing key.", nameof(invoice));
        }

        var fresh = Bolt11Fields.Write(invoice, template);
        var byType = fresh.GroupBy(field => field.Type).ToDictionary(group => group.Key, group => new Queue<Bolt11TaggedField>(group));
        var ordered = new List<Bolt11TaggedField>(fresh.Count + invoice.Fields.Count);
        for (var i = 0; i < invoice.Fields.Count; i++)
        {
            var field = invoice.Fields[i];
            if (!template!.Modelled[i])
            {
                ordered.Add(field);
            }
            else if (byType.TryGetValue(field.Type, out var queue) && queue.Count > 0)
            {
                ordered.Add(queue.Dequeue());
            }
        }

        foreach (var field in fresh)
        {
            var queue = byType[field.Type];
            if (queue.Count > 0 && ReferenceEquals(queue.Peek(), field))
            {
                ordered.Add(queue.Dequeue());
            }
        }

        return ordered;
    }

    private static Result<(Bolt11Network Network, long? AmountMsat)> ParsePrefix(string hrp)
    {
        if (!hrp.StartsWith("ln", StringComparison.Ordinal))
        {
            return Bolt11Errors.Malformed($"'{hrp}' is not a Lightning invoice prefix (it must start with 'ln').");
        }

        var letters = 2;
        while (letters < hrp.Length && char.IsAsciiLetter(hrp[letters]))
        {
            letters++;
        }

        var network = Bolt11Network.FromPrefix(hrp[2..letters]);
        if (network is null)
        {
            return Bolt11Errors.Malformed($"Unknown currency prefix '{hrp[2..letters]}' (known: {string.Join(", ", Bolt11Network.All.Select(n => n.Prefix))}).");
        }

        var amount = Bolt11Amount.Parse(hrp[letters..]);
        return amount.IsSuccess ? (network, amount.Value) : amount.Error;
    }

    private static Result<List<Bolt11TaggedField>> SplitFields(ReadOnlySpan<byte> words)
    {
        var fields = new List<Bolt11TaggedField>();
        var at = 0;
        while (at < words.Length)
        {
            if (words.Length - at < 3)
            {
                return Bolt11Errors.Malformed("A tagged field is cut short before its length.");
            }

            var type = words[at];
            var length = (words[at + 1] << 5) | words[at + 2];
            at += 3;
            if (length > words.Length - at)
            {
                return Bolt11Errors.Malformed($"The {Bolt11FieldTypes.Letter(type)} field claims {length} words but only {words.Length - at} remain.");
            }

            fields.Add(new Bolt11TaggedField(type, words.Slice(at, length).ToArray()));
            at += length;
        }

        return fields;
    }

    private static byte[] SigningHash(string hrp, ReadOnlySpan<byte> signedWords)
    {
        var hrpBytes = Encoding.UTF8.GetBytes(hrp);
        var dataBytes = Words.ToBytes(signedWords, pad: true);
        return SHA256.HashData([.. hrpBytes, .. dataBytes]);
    }
}
