using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Tessera.Scraping;

/// <summary>
/// What a news article offers ReplaceFlow: its headline (<c>og:title</c>, else the first <c>h1</c>, else <c>title</c>),
/// the featured images it declares (<c>og:image</c> and <c>twitter:image</c>, in that order) and the other images on the
/// page (in page order, as <see cref="PageAssets"/> finds them: <c>img</c>, <c>srcset</c>, <c>picture</c>, lazy-load
/// attributes, CSS backgrounds). Parsed once with the scraper's parser.
/// </summary>
public sealed partial record ArticlePage(string? Headline, IReadOnlyList<Uri> Featured, IReadOnlyList<Uri> Images)
{
    /// <summary>A headline longer than this is cut (a page's title can be anything).</summary>
    public const int MaxHeadlineLength = 300;

    private static readonly HashSet<string> FeaturedSources = new(StringComparer.Ordinal) { "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src" };

    public static ArticlePage Read(string html, Uri pageUrl)
    {
        var document = PageAssets.Parse(html);
        var assets = PageAssets.Read(document, pageUrl).Assets.Where(asset => asset.Kind == CandidateKind.Image).ToList();
        var featured = assets.Where(asset => FeaturedSources.Contains(asset.Source))
            .OrderBy(asset => asset.Source.StartsWith("og:", StringComparison.Ordinal) ? 0 : 1)
            .Select(asset => asset.Url).ToList();
        var images = assets.Where(asset => !FeaturedSources.Contains(asset.Source)).Select(asset => asset.Url).ToList();
        return new ArticlePage(HeadlineOf(document), featured, images);
    }

    private static string? HeadlineOf(IDocument document)
    {
        var candidates = new[]
        {
            document.QuerySelector("meta[property='og:title']")?.GetAttribute("content"),
            document.QuerySelector("meta[name='twitter:title']")?.GetAttribute("content"),
            document.QuerySelector("h1")?.TextContent,
            document.Title,
        };
        foreach (var candidate in candidates)
        {
            var text = Whitespace().Replace(candidate ?? "", " ").Trim();
            if (text.Length > 0)
            {
                return text.Length <= MaxHeadlineLength ? text : text[..MaxHeadlineLength].TrimEnd();
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
