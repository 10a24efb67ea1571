using NetVips;

namespace Tessera.Media;

/// <summary>
/// What the library learns from an asset's bytes after upload: for images their dimensions (the perceptual hash,
/// dominant colours and OCR text come from the Imaging module's analysers).
/// </summary>
public sealed class MediaAnalyzer
{
    public async Task<MediaAnalysisResult> AnalyseAsync(Stream content, string kind, CancellationToken cancellationToken)
    {
        if (kind != AssetKind.Image)
        {
            return new MediaAnalysisResult(null, null, [], [], null, null, null, Failed: false);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        try
        {
            using var image = Image.NewFromBuffer(buffer.ToArray(), access: Enums.Access.Sequential);
            return new MediaAnalysisResult(image.Width, image.Height, [], [], null, null, null, Failed: false);
        }
        catch (VipsException)
        {
            return new MediaAnalysisResult(null, null, [], [], null, null, null, Failed: true);
        }
    }
}
