using Microsoft.Extensions.Options;
using Tessera.Imaging;
using Tessera.Vision;

namespace Tessera.Media;

/// <summary>
/// What the library learns from an asset's bytes after upload, through the Imaging module: for images their
/// dimensions, perceptual hash (imagehash's pHash), five dominant colours with names and Lab values, and the text OCR
/// reads (when Tesseract is installed; bounded in time by the Imaging options), and, when the upload asked for
/// <c>auto_tag</c>, what the Vision module sees in it (labels, also added as tags). Other kinds are stored as they are.
/// </summary>
public sealed class MediaAnalyzer(IOcrEngine ocr, VisionService vision, IOptions<MediaOptions> options, ILogger<MediaAnalyzer> logger)
{
    private const int Colours = 5;

    public async Task<MediaAnalysisResult> AnalyseAsync(Stream content, string kind, bool autoTag, CancellationToken cancellationToken)
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
        var labels = autoTag ? await LabelsAsync(bytes, cancellationToken) : [];
        return new MediaAnalysisResult(
            width, height,
            [.. colours.Select(c => new MediaColour(c.Hex, c.Name, Math.Round(c.Share, 3)))],
            [.. colours.Select(c => (c.Lab.L, c.Lab.A, c.Lab.B, c.Share))],
            hash, string.IsNullOrWhiteSpace(text) ? null : text, labels.Count == 0 ? null : string.Join(", ", labels), Failed: false, labels);
    }

    /// <summary>
    /// The image's labels as tags (normalised like typed tags, too-long ones left out). A vision failure leaves the
    /// asset untagged rather than failing its analysis: colours, hash and text are still worth having.
    /// </summary>
    private async Task<IReadOnlyList<string>> LabelsAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var labelled = await vision.LabelAsync(bytes, cancellationToken);
        if (!labelled.IsSuccess)
        {
            Log.AutoTagFailed(logger, labelled.Error.Code, labelled.Error.Message);
            return [];
        }

        return [.. labelled.Value.Names.Select(MediaInput.Normalise).Where(tag => tag.Length > 0 && tag.Length <= options.Value.MaxTagLength).Distinct(StringComparer.Ordinal)];
    }
}
