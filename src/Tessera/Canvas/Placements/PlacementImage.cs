using Tessera.Canvas.Rendering;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Canvas.Placements;

/// <summary>
/// An uploaded placement image made safe to store and serve: decoded by <see cref="ImageDecoder"/> (content-sniffed,
/// bounded against decompression bombs), stretched to min(size, 1024) square, re-encoded as a fresh PNG (nothing of
/// the upload's bytes or metadata survives), plus its <see cref="PlacementPreview"/>.
/// </summary>
internal sealed record PlacementImage(byte[] Png, byte[] Preview)
{
    public static Result<PlacementImage> Prepare(string field, byte[] upload, int size, int maxSide, ImagingOptions limits)
    {
        if (upload.Length == 0)
        {
            return Error.Validation($"{field} is empty.");
        }

        var side = Math.Min(size, maxSide);
        var decoded = ImageDecoder.DecodeToRgba(upload, side, side, limits);
        if (!decoded.IsSuccess)
        {
            return Error.Validation($"{field}: {decoded.Error.Message}");
        }

        var png = ImageEncoder.Encode(decoded.Value, side, side, ImageFormat.Png).Value;
        return new PlacementImage(png, PlacementPreview.From(decoded.Value, side, size));
    }

    /// <summary>Decodes a PNG this class stored (trusted, but still through the bounded decoder) to side × side RGBA.</summary>
    public static byte[]? DecodeStored(byte[] png, int side, ImagingOptions limits)
    {
        var decoded = ImageDecoder.DecodeToRgba(png, side, side, limits);
        return decoded.IsSuccess ? decoded.Value : null;
    }
}
