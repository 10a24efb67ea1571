using NetVips;

namespace Tessera.Engines.Local;

/// <summary>Encodes the local engines' RGBA buffers with libvips: PNG stills and sheets, animated GIF and WebP.</summary>
internal static class RgbaEncoder
{
    /// <summary>
    /// zlib level 1 with the "sub" row filter. Measured on the 11 benchmark pictures at 1024×1024 (bench <c>engines</c>,
    /// one core of a loaded machine): ~13 ms per image at 1/sub, ~18 ms at 1/none, ~80 ms at 6/sub, ~190 ms at 6/all
    /// (adaptive filtering). The files are about twice as large as level 6's (~340 KB against ~170 KB). A job's outputs
    /// are downloaded once and expire after 24 hours, so the worker's CPU time matters more than the bytes. "sub"
    /// subtracts one byte per sample and turns the gradients and flat runs into zeros that deflate quickly.
    /// </summary>
    private const int PngCompression = 1;

    /// <summary>
    /// Encodes <paramref name="width"/>×<paramref name="height"/> RGBA pixels from the start of <paramref name="rgba"/>
    /// (it may be a longer pooled array). With <paramref name="opaque"/> the alpha channel is dropped (a quarter less to
    /// compress); otherwise it is kept.
    /// </summary>
    public static byte[] Png(byte[] rgba, int width, int height, bool opaque)
    {
        using var image = Wrap(rgba, width, height);
        using var bands = opaque ? image.ExtractBand(0, n: 3) : image.Copy();
        return bands.PngsaveBuffer(compression: PngCompression, filter: Enums.ForeignPngFilter.Sub, keep: Enums.ForeignKeep.None);
    }

    /// <summary>
    /// Encodes frames stacked vertically in <paramref name="rgba"/> (each <paramref name="width"/>×<paramref name="frameHeight"/>)
    /// as a looping animation: GIF (transparency as GIF keeps it: on or off per pixel) or lossless WebP.
    /// </summary>
    public static byte[] Animation(byte[] rgba, int width, int frameHeight, int frames, int delayMs, bool webp)
    {
        using var stacked = Wrap(rgba, width, frameHeight * frames);
        using var animated = stacked.Mutate(image =>
        {
            image.Set(GValue.GIntType, "page-height", frameHeight);
            image.Set(GValue.ArrayIntType, "delay", Enumerable.Repeat(delayMs, frames).ToArray());
            image.Set(GValue.GIntType, "loop", 0);
        });
        return webp
            ? animated.WebpsaveBuffer(lossless: true, effort: 2, keep: Enums.ForeignKeep.None)
            : animated.GifsaveBuffer(effort: 4, dither: 0, keep: Enums.ForeignKeep.None);
    }

    private static Image Wrap(byte[] rgba, int width, int height)
    {
        // NewFromMemory pins the array for the image's life instead of copying it; the caller keeps it until disposal.
        using var raw = Image.NewFromMemory(rgba, width, height, 4, Enums.BandFormat.Uchar);
        return raw.Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
