using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>
/// Photo-like test pictures (smooth colour structure with fine texture, different per seed) and a news site's
/// watermarked copy of one: the same photo with a visible text mark composed by the Imaging module's <see cref="Watermark"/>.
/// </summary>
internal static class NewsPhotos
{
    public static Image Photo(int width, int height, int seed)
    {
        Image Band(int s)
        {
            using var noise = Image.Gaussnoise(width, height, sigma: 60, mean: 128, seed: s);
            using var smooth = noise.Gaussblur(width / 40.0);
            using var fine = Image.Gaussnoise(width, height, sigma: 12, mean: 0, seed: s + 7);
            // Stretch the blurred field back to a photo's contrast (blurring flattens it), then add grain.
            var deviation = Math.Max(0.5, smooth.Deviate());
            using var stretched = smooth.Linear([55.0 / deviation], [128 - (smooth.Avg() * 55.0 / deviation)]);
            return stretched.Add(fine);
        }

        using var r = Band(seed);
        using var g = Band(seed + 101);
        using var b = Band(seed + 202);
        using var joined = r.Bandjoin(g, b);
        using var clipped = joined.Cast(Enums.BandFormat.Uchar);
        return clipped.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static byte[] Jpeg(int width, int height, int seed, int quality = 92)
    {
        using var photo = Photo(width, height, seed);
        return photo.JpegsaveBuffer(q: quality);
    }

    public static byte[] Png(int width, int height, int seed)
    {
        using var photo = Photo(width, height, seed);
        return photo.PngsaveBuffer();
    }

    /// <summary>
    /// The photo at <paramref name="width"/>×<paramref name="height"/> with <paramref name="text"/> laid over it in white
    /// (a site's watermark), as a JPEG.
    /// </summary>
    public static byte[] Watermarked(byte[] photo, int width, int height, string text = "NEWSHUB EXCLUSIVE", WatermarkPosition position = WatermarkPosition.BottomRight, int opacity = 85)
    {
        var font = FontFiles.Find("");
        Assert.SkipWhen(font is null, "no system font (scripts/test installs fonts-liberation)");
        using var loaded = Image.NewFromBuffer(photo);
        using var resized = loaded.ThumbnailImage(width, height: height, size: Enums.Size.Force);
        using var mark = TextRenderer.Render(text, font!, 64, 0xFFFFFF, padding: 6);
        using var marked = Watermark.Apply(resized, mark, new WatermarkOptions(position, opacity, Scale: 0.45));
        return marked.JpegsaveBuffer(q: 85);
    }
}
