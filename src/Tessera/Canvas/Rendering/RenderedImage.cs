using System.IO.Hashing;
using Tessera.Http;

namespace Tessera.Canvas.Rendering;

/// <summary>
/// An encoded PNG and its strong ETag (a hash of the bytes, so every node gives the same bytes the same tag), with the
/// response that serves it made once (<see cref="Body"/>: no per-request header formatting on tiles and composites).
/// </summary>
public sealed record RenderedImage(byte[] Png, string ETag)
{
    public CachedBody Body { get; } = new(Png, "image/png", ETag);

    public static RenderedImage Of(byte[] png) => new(png, "\"" + Convert.ToHexStringLower(XxHash64.Hash(png)) + "\"");
}
