using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Media;

/// <summary>
/// Reads an uploaded image's header only (through <see cref="ImageLoader"/>: size and declared pixels checked before
/// any decoding), so a decompression bomb is refused at upload, and bytes that only look like an image are refused
/// rather than found broken later.
/// </summary>
internal static class MediaProbe
{
    public static Result<(int Width, int Height)> ImageSize(byte[] data, MediaOptions options)
    {
        var loaded = ImageLoader.Load(data, options.ImageLimits, sequential: true);
        if (!loaded.IsSuccess)
        {
            return MediaErrors.Invalid(loaded.Error.Message);
        }

        using var image = loaded.Value;
        return (image.Width, image.Height);
    }
}
