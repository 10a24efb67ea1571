using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tessera.Imaging;

namespace Tessera.Vision;

/// <summary>
/// File names and display labels from what an image shows (the scrape's <c>ai_labeling</c>): the top
/// <see cref="LabelsInName"/> labels as a lowercase ASCII slug, a short hash of the content so two photos of a "cat" do not
/// collide, and the original extension (or the format the bytes are in): <c>sunset_beach_a1b2.jpg</c>.
/// </summary>
public static class VisionFileNames
{
    public const int LabelsInName = 2;

    private const int MaxSlugLength = 60;

    public static string From(IReadOnlyList<string> labels, ReadOnlySpan<byte> content, string originalFileName)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var slug = string.Join('_', labels.Select(Slug).Where(part => part.Length > 0).Distinct(StringComparer.Ordinal).Take(LabelsInName));
        if (slug.Length > MaxSlugLength)
        {
            slug = slug[..MaxSlugLength].TrimEnd('_');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..4];
        return $"{(slug.Length == 0 ? "image" : slug)}_{hash}.{Extension(originalFileName, content)}";
    }

    /// <summary>The doc's <c>ai_label</c>: the labels in title case, comma-separated ("Sunset, Ocean, Horizon").</summary>
    public static string Display(IEnumerable<string> labels) =>
        string.Join(", ", labels.Select(label => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(label)));

    /// <summary>Letters and digits (accents dropped), anything else one underscore: "dining table" → "dining_table".</summary>
    private static string Slug(string label)
    {
        var text = new StringBuilder(label.Length);
        foreach (var c in label.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        return text.ToString().Trim('_');
    }

    private static string Extension(string originalFileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(originalFileName).TrimStart('.').ToLowerInvariant();
        if (extension.Length is > 0 and <= 5 && extension.All(char.IsAsciiLetterOrDigit))
        {
            return extension;
        }

        return ImageSniffer.Detect(content).Format switch
        {
            "jpeg" => "jpg",
            { Length: > 0 } format => format,
            _ => "bin",
        };
    }
}
