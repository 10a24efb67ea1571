using System.Security.Cryptography;

namespace Tessera.Common;

/// <summary>Random, URL-safe, readable identifiers such as <c>acc_7k2m9q4x1d3f5h8j</c>.</summary>
public static class Ids
{
    // Lowercase base32 (RFC 4648 alphabet, lowercased): no '_' or '-', so ids and key parts never need escaping.
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

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
