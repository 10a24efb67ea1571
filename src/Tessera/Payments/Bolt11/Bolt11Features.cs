namespace Tessera.Payments.Bolt11;

/// <summary>
/// The invoice feature bits this reader knows (BOLT #9, context "9"): each feature is a pair, the even bit compulsory and
/// the odd one optional. An invoice that sets an unknown even bit cannot be paid ("it's ok to be odd").
/// </summary>
public static class Bolt11Features
{
    public const int VarOnionOptin = 8;
    public const int PaymentSecret = 14;
    public const int BasicMpp = 16;
    public const int RouteBlinding = 24;
    public const int PaymentMetadata = 48;

    private static readonly int[] KnownEven = [VarOnionOptin, PaymentSecret, BasicMpp, RouteBlinding, PaymentMetadata];

    public static bool IsKnown(int bit) => KnownEven.Contains(bit & ~1);

    /// <summary>The set bits, ascending, of a <c>9</c> field (big-endian: the last word holds bits 0..4).</summary>
    public static List<int> FromWords(ReadOnlySpan<byte> words)
    {
        var bits = new List<int>();
        for (var i = words.Length - 1; i >= 0; i--)
        {
            var offset = (words.Length - 1 - i) * 5;
            for (var b = 0; b < 5; b++)
            {
                if ((words[i] & (1 << b)) != 0)
                {
                    bits.Add(offset + b);
                }
            }
        }

        return bits;
    }

    /// <summary>The shortest <c>9</c> field data that sets <paramref name="bits"/>.</summary>
    public static byte[] ToWords(IReadOnlyList<int> bits)
    {
        if (bits.Count == 0)
        {
            return [];
        }

        var words = new byte[(bits.Max() / 5) + 1];
        foreach (var bit in bits)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bit);
            words[words.Length - 1 - (bit / 5)] |= (byte)(1 << (bit % 5));
        }

        return words;
    }
}
