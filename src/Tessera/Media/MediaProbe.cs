using NetVips;
using Tessera.Common;

namespace Tessera.Media;

/// <summary>
/// Reads an uploaded image's header only (dimensions), so an image declaring more pixels than the limit — a
/// decompression bomb of a few KB — is refused before a single pixel is decoded, and bytes that only look like an image
/// are refused at upload rather than found broken later.
/// </summary>
internal static class MediaProbe
{
    public static Result<(int Width, int Height)> ImageSize(byte[] data, long maxPixels)
    {
        try
        {
            using var image = Image.NewFromBuffer(data, access: Enums.Access.Sequential);
            if ((long)image.Width * image.Height > maxPixels)
            {
                return MediaErrors.Invalid($"The image is {image.Width}x{image.Height}, more than {maxPixels} pixels.");
            }

            return (image.Width, image.Height);
        }
        catch (VipsException)
        {
            return MediaErrors.Invalid("The image could not be read: the file is damaged or not what its first bytes say.");
        }
    }
}
