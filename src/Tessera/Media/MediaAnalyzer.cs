using Microsoft.Extensions.Options;
using Tessera.Imaging;

namespace Tessera.Media;

/// <summary>
/// What the library learns from an asset's bytes after upload, through the Imaging module: for images their
/// dimensions, perceptual hash (imagehash's pHash), five dominant colours with names and Lab values, and the text OCR
/// reads (when Tesseract is installed; bounded in time by the Imaging options). Other kinds are stored as they are.
/// </summary>
public sealed class MediaAnalyzer(IOcrEngine ocr, IOptions<MediaOptions> options)
{
    private const int Colours = 5;

    public async Task<MediaAnalysisResult> AnalyseAsync(Stream content, string kind, CancellationToken cancellationToken)
    {
        if (kind != AssetKind.Image)
        {
            return new MediaAnalysisResult(null, null, [], [], null, null, null, Failed: false);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var limits = options.Value.ImageLimits;
        var loaded = ImageLoader.Load(bytes, limits);
        if (!loaded.IsSuccess)
        {
            return new MediaAnalysisResult(null, null, [], [], null, null, null, Failed: true);
        }

        int width, height;
        ulong hash;
        IReadOnlyList<DominantColour> colours;
        using (var image = loaded.Value)
        {
            (width, height) = (image.Width, image.Height);
            hash = PerceptualHash.Compute(image.Image);
            colours = DominantColours.Extract(image.Image, Colours);
        }

        var text = ocr.Available ? await ocr.ReadTextAsync(bytes, cancellationToken) : null;
        return new MediaAnalysisResult(
            width, height,
            [.. colours.Select(c => new MediaColour(c.Hex, c.Name, Math.Round(c.Share, 3)))],
            [.. colours.Select(c => (c.Lab.L, c.Lab.A, c.Lab.B, c.Share))],
            hash, string.IsNullOrWhiteSpace(text) ? null : text, null, Failed: false);
    }
}
