using Tessera.Common;

namespace Tessera.Payments.Bolt11;

/// <summary>
/// Bech32 (BIP-173) strings: a human-readable part, the separator <c>1</c>, 5-bit data words and a 6-word checksum.
/// BOLT #11 lifts BIP-173's 90-character limit (invoices run to several hundred characters), so there is none here.
/// <see cref="Bech32mConstant"/> (BIP-350) is only for rendering witness v1+ fallback addresses.
/// </summary>
public static class Bech32
{
    public const uint Bech32Constant = 1;
    public const uint Bech32mConstant = 0x2bc830a3;

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const int ChecksumLength = 6;

    private static readonly sbyte[] CharsetReverse = BuildReverse();

    /// <summary>The lowercase string for <paramref name="hrp"/> and <paramref name="words"/> (each 0..31).</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> words, uint constant = Bech32Constant)
    {
        var lowerHrp = hrp.ToLowerInvariant();
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        CreateChecksum(lowerHrp, words, constant, checksum);
        return string.Create(lowerHrp.Length + 1 + words.Length + ChecksumLength, (lowerHrp, words.ToArray(), checksum.ToArray()), static (span, state) =>
        {
            state.lowerHrp.AsSpan().CopyTo(span);
            span[state.lowerHrp.Length] = '1';
            var at = state.lowerHrp.Length + 1;
            foreach (var word in state.Item2)
            {
                span[at++] = Charset[word];
            }

            foreach (var word in state.Item3)
            {
                span[at++] = Charset[word];
            }
        });
    }

    /// <summary>
    /// Splits and checks a bech32 string: one case throughout, a separator, only charset characters after it, and a valid
    /// checksum for <paramref name="constant"/>. The hrp comes back lowercase; the words exclude the checksum.
    /// </summary>
    public static Result<(string Hrp, byte[] Words)> Decode(string text, uint constant = Bech32Constant)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Invalid("the string is empty");
        }

        bool hasLower = false, hasUpper = false;
        foreach (var c in text)
        {
            if (c < 33 || c > 126)
            {
                return Invalid($"character U+{(int)c:X4} is not printable ASCII");
            }

            hasLower |= char.IsAsciiLetterLower(c);
            hasUpper |= char.IsAsciiLetterUpper(c);
        }

        if (hasLower && hasUpper)
        {
            return Invalid("it mixes upper and lower case");
        }

        var lower = hasUpper ? text.ToLowerInvariant() : text;
        var separator = lower.LastIndexOf('1');
        if (separator < 0)
        {
            return Invalid("it has no '1' separator");
        }

        if (separator == 0)
        {
            return Invalid("the human-readable part is empty");
        }

        if (lower.Length - separator - 1 < ChecksumLength)
        {
            return Invalid("the data part is shorter than the checksum");
        }

        var hrp = lower[..separator];
        var all = new byte[lower.Length - separator - 1];
        for (var i = 0; i < all.Length; i++)
        {
            var c = lower[separator + 1 + i];
            var value = c < 128 ? CharsetReverse[c] : (sbyte)-1;
            if (value < 0)
            {
                return Invalid($"'{c}' is not a bech32 character");
            }

            all[i] = (byte)value;
        }

        if (Polymod(hrp, all) != constant)
        {
            return Invalid("the checksum is wrong");
        }

        return (hrp, all[..^ChecksumLength]);
    }

    private static void CreateChecksum(string hrp, ReadOnlySpan<byte> words, uint constant, Span<byte> checksum)
    {
        var values = new byte[words.Length + ChecksumLength];
        words.CopyTo(values);
        var mod = Polymod(hrp, values) ^ constant;
        for (var i = 0; i < ChecksumLength; i++)
        {
            checksum[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        }
    }

    /// <summary>BIP-173's checksum polynomial over the expanded hrp and the words.</summary>
    private static uint Polymod(string hrp, ReadOnlySpan<byte> words)
    {
        var chk = 1u;
        foreach (var c in hrp)
        {
            chk = Step(chk) ^ ((uint)c >> 5);
        }

        chk = Step(chk);
        foreach (var c in hrp)
        {
            chk = Step(chk) ^ ((uint)c & 31);
        }

        foreach (var word in words)
        {
            chk = Step(chk) ^ word;
        }

        return chk;
    }

    private static uint Step(uint chk)
    {
        var top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }

    private static sbyte[] BuildReverse()
    {
        var reverse = new sbyte[128];
        Array.Fill(reverse, (sbyte)-1);
        for (var i = 0; i < Charset.Length; i++)
        {
            reverse[Charset[i]] = (sbyte)i;
        }

        return reverse;
    }

    private static Error Invalid(string why) => Bolt11Errors.Malformed($"Not a valid bech32 string: {why}.");
}
