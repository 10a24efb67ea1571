using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Tessera.Storage.Secrets;

namespace Tessera.Media;

/// <summary>
/// Signatures for the URLs Tessera serves library files under: HMAC-SHA256 under a key derived from the server's secret
/// key (<see cref="ISecretProtector.Hash"/>), over what the URL asks for (the asset, its blob and, for a derivative, the
/// exact transform), so a URL can be neither pointed at another asset nor edited into another transform. The links do
/// not expire (like a CDN URL); they stop working when the asset is trashed or purged, or the secret key is rotated.
/// </summary>
public sealed class MediaLinks(ISecretProtector protector)
{
    private const string Purpose = "media.links";

    /// <summary>A URL-safe signature of <paramref name="payload"/> (22 characters: 128 bits of the HMAC).</summary>
    public string Sign(string payload) =>
        // The keyed hash is text of its own format; its SHA-256, cut to 128 bits, keeps URLs short.
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(protector.Hash(payload, Purpose))).AsSpan(0, 16));

    public bool Verify(string payload, string? signature) =>
        signature is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(signature));

    /// <summary>The payload an asset's original file is signed over.</summary>
    public static string Original(MediaAsset asset) => $"o/{asset.Id}/{asset.BlobHash}";

    /// <summary>The payload an optimised copy's URL is signed over: the asset, its blob and the exact transform.</summary>
    public static string Derived(MediaAsset asset, MediaTransform transform) => $"t/{asset.Id}/{asset.BlobHash}/{transform}";

    /// <summary>The payload a job file's expiring link is signed over: the job's number, the file's name in it, the end.</summary>
    public static string JobFile(long number, string name, long expires) => $"jf/{number}/{expires}/{name}";

    /// <summary>The payload a job's expiring ZIP link is signed over.</summary>
    public static string JobArchive(long number, long expires) => $"jz/{number}/{expires}";
}
