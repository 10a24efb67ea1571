using System.Text;
using NetVips;

namespace Tessera.Imaging;

/// <summary>What decided a watermark verdict: an overlay and the OCR'd text in it, an overlay's edges, text alone, or nothing.</summary>
public static class WatermarkEvidence
{
    public const string OverlayText = "overlay_text";
    public const string OverlayEdges = "overlay_edges";
    public const string Text = "text";
    public const string None = "none";
    public const string NotComparable = "not_comparable";
}

/// <summary>The verdict on two pictures of one photo: which carries a visible watermark, and what showed it.</summary>
public sealed record WatermarkVerdict(bool SubjectMarked, bool ReferenceMarked, string Evidence, OverlayRegion? Region);

/// <summary>
/// Tells whether a picture carries a visible watermark (docs/replaceflow.md). Against a reference picture of the same
/// photo: <see cref="OverlayDetector"/> finds where they differ; when that is an overlay, the region is read by OCR in
/// both, and words (3+ letters or digits) that one has and the other lacks mark it (a logo or a site name); without
/// such text the picture with clearly more edges in the region is the marked one. Alone (no reference): words read
/// anywhere in the picture mark it — a weaker test, since photos of signs and shirts carry text too. OCR is time
/// bounded by the caller's token (and by <see cref="ImagingOptions.OcrTimeout"/>); when it runs out or Tesseract is
/// missing, the overlay's edges decide.
/// </summary>
public sealed class WatermarkDetector(IOcrEngine ocr)
{
    private const int MinWordLength = 3;

    public bool CanRead => ocr.Available;

    public async Task<WatermarkVerdict> CompareAsync(Image subject, Image reference, CancellationToken cancellationToken)
    {
        var comparison = OverlayDetector.Compare(subject, reference);
        if (!comparison.Comparable)
        {
            return new WatermarkVerdict(false, false, WatermarkEvidence.NotComparable, null);
        }

        if (comparison.Region is not { } region)
        {
            return new WatermarkVerdict(false, false, WatermarkEvidence.None, null);
        }

        var subjectWords = await WordsAsync(Crop(subject, region), cancellationToken);
        var referenceWords = subjectWords is null ? null : await WordsAsync(Crop(reference, region), cancellationToken);
        if (subjectWords is not null && referenceWords is not null)
        {
            var subjectOnly = subjectWords.Except(referenceWords, StringComparer.Ordinal).Any();
            var referenceOnly = referenceWords.Except(subjectWords, StringComparer.Ordinal).Any();
            if (subjectOnly != referenceOnly)
            {
                return new WatermarkVerdict(subjectOnly, referenceOnly, WatermarkEvidence.OverlayText, region);
            }
        }

        return new WatermarkVerdict(comparison.SubjectHasOverlay, comparison.ReferenceHasOverlay, WatermarkEvidence.OverlayEdges, region);
    }

    /// <summary>True when OCR reads a word in <paramref name="image"/>; null when it could not tell (no OCR, out of time).</summary>
    public async Task<bool?> ReadsTextAsync(Image image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var words = await WordsAsync(Encode(image), cancellationToken);
        return words is null ? null : words.Count > 0;
    }

    private async Task<IReadOnlySet<string>?> WordsAsync(byte[]? png, CancellationToken cancellationToken)
    {
        if (!ocr.Available || png is null || cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        string? text;
        try
        {
            text = await ocr.ReadTextAsync(png, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null; // the caller's OCR budget ran out: the edges decide
        }

        return text is null ? null : Words(text);
    }

    /// <summary>The words of OCR output: runs of 3 or more letters or digits, lower-cased (shorter runs are mostly noise on photos).</summary>
    internal static IReadOnlySet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (current.Length >= MinWordLength)
            {
                words.Add(current.ToString());
            }

            current.Clear();
        }

        return words;
    }

    private static byte[]? Crop(Image image, OverlayRegion region)
    {
        var left = (int)Math.Floor(region.X * image.Width);
        var top = (int)Math.Floor(region.Y * image.Height);
        var width = Math.Clamp((int)Math.Ceiling(region.Width * image.Width), 1, image.Width - left);
        var height = Math.Clamp((int)Math.Ceiling(region.Height * image.Height), 1, image.Height - top);
        using var area = image.ExtractArea(left, top, width, height);
        return Encode(area);
    }

    private static byte[]? Encode(Image image)
    {
        var encoded = ImageEncoder.Encode(image, ImageFormat.Png);
        return encoded.IsSuccess ? encoded.Value : null;
    }
}
