using System.Buffers.Binary;
using System.Text;
using Tessera.Common;

namespace Tessera.Payments.Bolt11;

/// <summary>
/// Reads tagged fields into values and writes values back as fields. One reader decides which fields count, for the
/// decoder and for the encoder following a decoded invoice's field order, so the two never disagree.
/// </summary>
internal static class Bolt11Fields
{
    private const int HashWords = 52;    // 256 bits + 4 padding bits
    private const int PubKeyWords = 53;  // 264 bits + 1 padding bit
    private const int MaxNumberWords = 12;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// BOLT #11 reader rules: skip unknown types, fallbacks of unknown version, and <c>p</c>/<c>h</c>/<c>s</c>/<c>n</c> of
    /// the wrong length; the first field of a single-valued type counts, later ones are skipped; fail on an unknown
    /// compulsory (even) feature bit.
    /// </summary>
    public static Result<Bolt11FieldValues> Read(IReadOnlyList<Bolt11TaggedField> fields)
    {
        var values = new Bolt11FieldValues();
        foreach (var field in fields)
        {
            var read = ReadOne(field, values);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            values.Modelled.Add(read.Value);
        }

        return values;
    }

    private static Result<bool> ReadOne(Bolt11TaggedField field, Bolt11FieldValues values)
    {
        var data = field.Data;
        switch (field.Type)
        {
            case Bolt11FieldTypes.PaymentHash when data.Length == HashWords && values.PaymentHash is null:
                values.PaymentHash = Hex(data);
                return true;
            case Bolt11FieldTypes.PaymentSecret when data.Length == HashWords && values.PaymentSecret is null:
                values.PaymentSecret = Hex(data);
                return true;
            case Bolt11FieldTypes.DescriptionHash when data.Length == HashWords && values.DescriptionHash is null:
                values.DescriptionHash = Hex(data);
                return true;
            case Bolt11FieldTypes.PayeePubKey when data.Length == PubKeyWords && values.PayeePubKey is null:
                var key = Words.ToBytes(data);
                if (!Secp256k1.IsValidPublicKey(key))
                {
                    return false; // not a valid n field: the reader recovers the key from the signature instead
                }

                values.PayeePubKey = Convert.ToHexStringLower(key);
                return true;
            case Bolt11FieldTypes.Description when values.Description is null:
                try
                {
                    values.Description = StrictUtf8.GetString(Words.ToBytes(data));
                }
                catch (DecoderFallbackException)
                {
                    return Bolt11Errors.Malformed("The description (d) is not valid UTF-8.");
                }

                return true;
            case Bolt11FieldTypes.Expiry when values.Expiry is null:
                if (data.Length > MaxNumberWords)
                {
                    return Bolt11Errors.Malformed("The expiry (x) is too large.");
                }

                values.Expiry = TimeSpan.FromSeconds(Words.ToNumber(data));
                return true;
            case Bolt11FieldTypes.MinFinalCltvExpiry when values.MinFinalCltvExpiry is null:
                var cltv = data.Length <= MaxNumberWords ? Words.ToNumber(data) : ulong.MaxValue;
                if (cltv > int.MaxValue)
                {
                    return Bolt11Errors.Malformed("The min_final_cltv_expiry (c) is too large.");
                }

                values.MinFinalCltvExpiry = (int)cltv;
                return true;
            case Bolt11FieldTypes.Features when values.Features is null:
                var features = Bolt11Features.FromWords(data);
                var required = features.FirstOrDefault(bit => bit % 2 == 0 && !Bolt11Features.IsKnown(bit), -1);
                if (required >= 0)
                {
                    return Bolt11Errors.Malformed($"The invoice requires feature bit {required}, which this node does not know.");
                }

                values.Features = features;
                return true;
            case Bolt11FieldTypes.Metadata when values.Metadata is null:
                values.Metadata = Hex(data);
                return true;
            case Bolt11FieldTypes.Fallback when data.Length > 0 && data[0] <= Bolt11Fallback.PayToScriptHash:
                values.Fallbacks.Add(new Bolt11Fallback(data[0], Hex(data.AsSpan(1))));
                return true;
            case Bolt11FieldTypes.RouteHint when data.Length * 5 / 8 is var length && length > 0 && length % Bolt11RouteHop.Size == 0:
                values.Routes.Add(ReadRoute(Words.ToBytes(data)));
                return true;
            default:
                return false;
        }
    }

    private static List<Bolt11RouteHop> ReadRoute(byte[] bytes)
    {
        var hops = new List<Bolt11RouteHop>();
        for (var at = 0; at < bytes.Length; at += Bolt11RouteHop.Size)
        {
            var hop = bytes.AsSpan(at, Bolt11RouteHop.Size);
            hops.Add(new Bolt11RouteHop(
                Convert.ToHexStringLower(hop[..33]),
                BinaryPrimitives.ReadUInt64BigEndian(hop[33..]),
                BinaryPrimitives.ReadUInt32BigEndian(hop[41..]),
                BinaryPrimitives.ReadUInt32BigEndian(hop[45..]),
                BinaryPrimitives.ReadUInt16BigEndian(hop[49..])));
        }

        return hops;
    }

    /// <summary>
    /// The fields to write for <paramref name="invoice"/>'s values, grouped by type, in the canonical order. Expiry and
    /// min_final_cltv_expiry at their defaults are left out unless the invoice's own fields carried them.
    /// </summary>
    public static List<Bolt11TaggedField> Write(Bolt11Invoice invoice, Bolt11FieldValues? template)
    {
        var fields = new List<Bolt11TaggedField>
        {
            new(Bolt11FieldTypes.PaymentHash, FromHex(invoice.PaymentHash, 32, nameof(invoice.PaymentHash))),
        };
        if (invoice.PaymentSecret is not null)
        {
            fields.Add(new(Bolt11FieldTypes.PaymentSecret, FromHex(invoice.PaymentSecret, 32, nameof(invoice.PaymentSecret))));
        }

        if (invoice.Description is not null)
        {
            fields.Add(new(Bolt11FieldTypes.Description, Words.FromBytes(Encoding.UTF8.GetBytes(invoice.Description))));
        }

        if (invoice.DescriptionHash is not null)
        {
            fields.Add(new(Bolt11FieldTypes.DescriptionHash, FromHex(invoice.DescriptionHash, 32, nameof(invoice.DescriptionHash))));
        }

        // A decoded invoice carries n only if it had one; otherwise its key was recovered from the signature.
        if (invoice.PayeePubKey is not null && (template is null || template.PayeePubKey is not null))
        {
            fields.Add(new(Bolt11FieldTypes.PayeePubKey, FromHex(invoice.PayeePubKey, 33, nameof(invoice.PayeePubKey))));
        }

        if (invoice.Expiry != Bolt11Invoice.DefaultExpiry || template?.Expiry is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(invoice.Expiry, TimeSpan.Zero);
            fields.Add(new(Bolt11FieldTypes.Expiry, Words.FromNumber((ulong)invoice.Expiry.TotalSeconds)));
        }

        if (invoice.MinFinalCltvExpiry != Bolt11Invoice.DefaultMinFinalCltvExpiry || template?.MinFinalCltvExpiry is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(invoice.MinFinalCltvExpiry);
            fields.Add(new(Bolt11FieldTypes.MinFinalCltvExpiry, Words.FromNumber((ulong)invoice.MinFinalCltvExpiry)));
        }

        foreach (var fallback in invoice.Fallbacks)
        {
            fields.Add(new(Bolt11FieldTypes.Fallback, [(byte)fallback.Version, .. Words.FromBytes(Convert.FromHexString(fallback.Hash))]));
        }

        foreach (var route in invoice.Routes)
        {
            fields.Add(new(Bolt11FieldTypes.RouteHint, Words.FromBytes(WriteRoute(route))));
        }

        if (invoice.Features.Count > 0)
        {
            fields.Add(new(Bolt11FieldTypes.Features, Bolt11Features.ToWords(invoice.Features)));
        }

        if (invoice.Metadata is not null)
        {
            fields.Add(new(Bolt11FieldTypes.Metadata, Words.FromBytes(Convert.FromHexString(invoice.Metadata))));
        }

        return fields;
    }

    private static byte[] WriteRoute(IReadOnlyList<Bolt11RouteHop> route)
    {
        var bytes = new byte[route.Count * Bolt11RouteHop.Size];
        for (var i = 0; i < route.Count; i++)
        {
            var hop = bytes.AsSpan(i * Bolt11RouteHop.Size, Bolt11RouteHop.Size);
            var hopRoute = route[i];
            Convert.FromHexString(hopRoute.PubKey).AsSpan().CopyTo(hop[..33]);
            BinaryPrimitives.WriteUInt64BigEndian(hop[33..], hopRoute.ShortChannelId);
            BinaryPrimitives.WriteUInt32BigEndian(hop[41..], hopRoute.FeeBaseMsat);
            BinaryPrimitives.WriteUInt32BigEndian(hop[45..], hopRoute.FeeProportionalMillionths);
            BinaryPrimitives.WriteUInt16BigEndian(hop[49..], hopRoute.CltvExpiryDelta);
        }

        return bytes;
    }

    private static string Hex(ReadOnlySpan<byte> words) => Convert.ToHexStringLower(Words.ToBytes(words));

    private static byte[] FromHex(string hex, int length, string name)
    {
        var bytes = Convert.FromHexString(hex);
        return bytes.Length == length
            ? Words.FromBytes(bytes)
            : throw new ArgumentException($"{name} must be {length} bytes of hex.", name);
    }
}
