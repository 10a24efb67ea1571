namespace Tessera.Imaging;

/// <summary><c>Tessera:Imaging</c>: the bounds every decode of an untrusted image is held to.</summary>
public sealed class ImagingOptions
{
    public const string Section = "Tessera:Imaging";

    /// <summary>The default limits: 5 MB files (the One Million Pixels doc's upload limit), 40 megapixels decoded.</summary>
    public static ImagingOptions Default => new();

    /// <summary>Encoded files larger than this are refused before anything reads them.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Images whose header declares more pixels than this are refused before decoding (decompression bombs):
    /// 40 megapixels is 160 MB of RGBA, a bound a 2-core, small-memory server can still afford per request.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The largest output rectangle <see cref="ImageDecoder.DecodeToRgba(byte[], int, int, ImagingOptions?)"/> produces.</summary>
    public int MaxOutputSide { get; set; } = 10_000;
}
