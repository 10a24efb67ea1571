using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Vision;

/// <summary>
/// One image on its way to the engines, made from the untrusted bytes by the Imaging module on demand and once per
/// form: raw 512×512 RGB for the local model, a small JPEG for the HTTP engines. An engine that is not asked costs nothing.
/// </summary>
public sealed class VisionImage(byte[] bytes, ImagingOptions limits)
{
    /// <summary>The local model's input side: CenterNet takes 512×512.</summary>
    public const int ModelSide = 512;

    private Result<byte[]>? _rgb;
    private Result<byte[]>? _jpeg;

    public byte[] Bytes { get; } = bytes;

    /// <summary><see cref="ModelSide"/>² × 3 bytes, or why the file cannot be read.</summary>
    public Result<byte[]> Rgb512 => _rgb ??= RgbPixels.Stretched(Bytes, ModelSide, ModelSide, limits);

    /// <summary>A JPEG at most <paramref name="maxSide"/> pixels on its long side (the first size asked is kept).</summary>
    public Result<byte[]> Jpeg(int maxSide) => _jpeg ??= RgbPixels.Jpeg(Bytes, maxSide, limits);
}
