using System.IO.Hashing;

namespace Tessera.Canvas.Rendering;

/// <summary>An encoded PNG and its strong ETag (a hash of the bytes, so every node gives the same bytes the same tag).</summary>
public sealed record RenderedImage(byte[] Png, string ETag)
{
    public static RenderedImage Of(byte[] png) => new(png, "\"" + Convert.ToHexStringLower(XxHash64.Hash(png)) + "\"");
}
