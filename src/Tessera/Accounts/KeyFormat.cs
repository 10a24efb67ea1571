using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Accounts;

/// <summary>
/// API key text: <c>{prefix}{id}_{secret}</c>, e.g. <c>tsk_q3xk2m7ab4cd_Vh2...43 chars</c>. The prefix says what the
/// key is for (<c>tsk_</c> account key, <c>sk_</c> sub-key, <c>pe_sk_</c> Pixel Engine key); the 12-character id finds the
/// row without a hash index; the secret is 32 random bytes in base64url. Parsing works from the end, since
/// prefixes vary and base64url may itself contain '_'.
/// </summary>
public static class KeyFormat
{
    public const string DefaultPrefix = "tsk_";

    /// <summary>
    /// The prefix a key made for (or through) a surface carries, as that surface's docs show it (its descriptor's
    /// <see cref="SurfaceDescriptor.KeyPrefix"/>: Pixel Engine's <c>pe_sk_</c>, PixelDojo's <c>pd_</c>); surfaces that name
    /// none, and no surface at all, get <c>tsk_</c>. Any prefix authenticates on every surface (the id and secret are read
    /// from the end). Null for a name that is no public surface.
    /// </summary>
    public static string? PrefixForSurface(string? surface, IEnumerable<SurfaceDescriptor> surfaces) =>
        string.IsNullOrEmpty(surface)
            ? DefaultPrefix
            : surfaces.FirstOrDefault(descriptor => descriptor.PublicDocument && descriptor.Name == surface) is { } found ? found.KeyPrefix ?? DefaultPrefix : null;
    public const int IdLength = 12;
    public const int SecretLength = 43; // base64url of 32 bytes, unpadded

    public readonly record struct NewKey(string Id, string Text, string DisplayPrefix, byte[] Hash);

    public static NewKey Generate(string prefix = DefaultPrefix)
    {
        var id = Ids.New("", IdLength);
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        var text = prefix + id + "_" + Base64Url.EncodeToString(secret);
        return new NewKey(id, text, prefix + id, Hash(text));
    }

    /// <summary>The key id inside <paramref name="key"/>, or null when the text cannot be a Tessera key.</summary>
    public static string? IdOf(ReadOnlySpan<char> key)
    {
        var minimum = 1 + IdLength + 1 + SecretLength;
        if (key.Length < minimum || key.Length > 200 || key[^(SecretLength + 1)] != '_')
        {
            return null;
        }

        var id = key.Slice(key.Length - SecretLength - 1 - IdLength, IdLength);
        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '2' and <= '7')))
            {
                return null;
            }
        }

        return id.ToString();
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>SHA-256 of the key text into <paramref name="hash"/> (32 bytes), without allocating: this runs per request.</summary>
    public static void Hash(ReadOnlySpan<char> key, Span<byte> hash)
    {
        if (key.Length > 200)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()), hash); // far longer than any key Tessera makes
            return;
        }

        Span<byte> utf8 = stackalloc byte[600];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        SHA256.HashData(utf8[..length], hash);
    }
}
