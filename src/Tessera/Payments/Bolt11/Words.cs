namespace Tessera.Payments.Bolt11;

/// <summary>Conversions between bytes and bech32's 5-bit words, both big-endian bit streams.</summary>
public static class Words
{
    /// <summary>Bytes as 5-bit words; the last word is padded with zero bits (BOLT #11: "pad field data ... using 0s").</summary>
    public static byte[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var words = new byte[(bytes.Length * 8 + 4) / 5];
        var accumulator = 0;
        var bits = 0;
        var at = 0;
        foreach (var b in bytes)
        {
            accumulator = ((accumulator << 8) | b) & 0xfff;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                words[at++] = (byte)((accumulator >> bits) & 31);
            }
        }

        if (bits > 0)
        {
            words[at] = (byte)((accumulator << (5 - bits)) & 31);
        }

        return words;
    }

    /// <summary>
    /// 5-bit words as bytes. Without <paramref name="pad"/> the trailing bits that do not fill a byte are dropped (how a
    /// field's data is read); with it they are padded with zeros (how the signed data is packed).
    /// </summary>
    public static byte[] ToBytes(ReadOnlySpan<byte> words, bool pad = false)
    {
        var totalBits = words.Length * 5;
        var bytes = new byte[pad ? (totalBits + 7) / 8 : totalBits / 8];
        var accumulator = 0;
        var bits = 0;
        var at = 0;
        foreach (var word in words)
        {
            accumulator = ((accumulator << 5) | word) & 0xfff;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[at++] = (byte)(accumulator >> bits);
            }
        }

        if (pad && bits > 0)
        {
            bytes[at] = (byte)(accumulator << (8 - bits));
        }

        return bytes;
    }

    /// <summary>A big-endian unsigned number in as few words as it needs (zero needs none).</summary>
    public static byte[] FromNumber(ulong value)
    {
        var count = 0;
        for (var v = value; v > 0; v >>= 5)
        {
            count++;
        }

        var words = new byte[count];
        for (var i = count - 1; i >= 0; i--)
        {
            words[i] = (byte)(value & 31);
            value >>= 5;
        }

        return words;
    }

    /// <summary>A big-endian number of at most 12 words (60 bits).</summary>
    public static ulong ToNumber(ReadOnlySpan<byte> words)
    {
        if (words.Length > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(words), "At most 12 words fit a 64-bit number.");
        }

        ulong value = 0;
        foreach (var word in words)
        {
            value = (value << 5) | word;
        }

        return value;
    }
}
