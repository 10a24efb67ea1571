using System.Security.Cryptography;

namespace Tessera.Common;

/// <summary>Random, URL-safe, readable identifiers such as <c>acc_7k2m9q4x1d3f5h8j</c>.</summary>
public static class Ids
{
    // Lowercase base32 (RFC 4648 alphabet, lowercased): no '_' or '-', so ids and key parts never need escaping.
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    // The same characters in ASCII order, so a number written with them sorts as text the way it sorts as a number.
    private const string SortableAlphabet = "234567abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// An id whose first 10 characters are the creation time in milliseconds, then 10 random ones: ids made later
    /// sort later, so a B-tree keyed by them appends at its right edge instead of touching a random page per insert
    /// (the ledger's holds: one page per commit instead of one per hold).
    /// </summary>
    public static string NewSequential(string prefix, DateTimeOffset now)
    {
        var time = (ulong)now.ToUnixTimeMilliseconds();
        Span<char> stamp = stackalloc char[10];
        for (var i = stamp.Length - 1; i >= 0; i--)
        {
            stamp[i] = SortableAlphabet[(int)(time & 31)];
            time >>= 5;
        }

        return New(prefix + new string(stamp), 10);
    }

    public static string New(string prefix, int length = 16)
    {
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(prefix.Length + length, (prefix, bytes.ToArray()), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            for (var i = 0; i < state.Item2.Length; i++)
            {
                span[state.prefix.Length + i] = Alphabet[state.Item2[i] & 31];
            }
        });
    }
}
