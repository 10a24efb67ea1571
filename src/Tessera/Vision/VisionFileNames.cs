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

    /// <summary>
    /// Letters and digits, Latin accents folded (the server runs with invariant globalization, so Unicode decomposition is
    /// not available: a small table covers Latin-1), anything else one underscore: "dining table" → "dining_table",
    /// "crème brûlée" → "creme_brulee".
    /// </summary>
    private static string Slug(string label)
    {
        var text = new StringBuilder(label.Length);
        foreach (var c in label.ToLowerInvariant())
        {
            var folded = char.IsAsciiLetterOrDigit(c) ? c.ToString() : Fold(c);
            if (folded.Length > 0)
            {
                text.Append(folded);
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        return text.ToString().Trim('_');
    }

    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
    private const string Plain = "aaaaaaceeeeiiiinoooooouuuuyy";

    private static string Fold(char c) => c switch
    {
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        _ when Accented.IndexOf(c, StringComparison.Ordinal) is var at and >= 0 => Plain[at].ToString(),
        _ => "",
    };

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
