using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Tessera.Scraping;

/// <summary>What one HTML page offers: the files on it and the links to follow (same site only).</summary>
public sealed record PageContent(IReadOnlyList<AssetCandidate> Assets, IReadOnlyList<Uri> Links);

/// <summary>
/// Finds the files on an HTML page with a real HTML parser (AngleSharp) and CSS parser (AngleSharp.Css): <c>img</c>
/// <c>src</c> and the largest <c>srcset</c> candidate, lazy-load attributes (<c>data-src</c>, <c>data-srcset</c>,
/// <c>data-lazy-src</c>, <c>data-original</c>), <c>picture</c>/<c>source</c>, <c>video</c>/<c>source</c> and posters,
/// CSS <c>background(-image)</c> in <c>style</c> attributes and <c>&lt;style&gt;</c> sheets, <c>og:image</c>,
/// <c>twitter:image</c>, <c>og:video</c>, and links to image, video and document files. URLs are resolved against the
/// page (and its <c>&lt;base href&gt;</c>); only http(s) survive; each appears once, in page order.
/// </summary>
public static class PageAssets
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".svg" };
    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".webm", ".m4v", ".avi", ".mkv" };
    private static readonly HashSet<string> DocumentExtensions = new(StringComparer.OrdinalIgnoreCase) { ".pdf", ".zip", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".csv", ".txt" };
    private static readonly string[] LazySources = ["data-src", "data-lazy-src", "data-original", "data-lazy", "data-url"];
    private static readonly string[] LazySourceSets = ["data-srcset", "data-lazy-srcset"];

    /// <summary>The page's files and same-site links; at most <paramref name="maxLinks"/> links.</summary>
    public static PageContent Read(string html, Uri pageUrl, int maxLinks = 500) => Read(Parse(html), pageUrl, maxLinks);

    /// <summary>The HTML parsed once, for callers that read more of it than its files (<see cref="ArticlePage"/>).</summary>
    public static IDocument Parse(string? html) => new HtmlParser().ParseDocument(html ?? "");

    /// <summary>The files and same-site links of an already parsed page.</summary>
    public static PageContent Read(IDocument document, Uri pageUrl, int maxLinks = 500)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageUrl, href, out var declared) && IsWeb(declared)
            ? declared
            : pageUrl;
        var found = new List<AssetCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string? reference, CandidateKind? kind, string source)
        {
            if (Resolve(baseUrl, reference) is not { } url)
            {
                return;
            }

            var actual = kind ?? KindByExtension(url);
            if (actual is { } known && seen.Add(url.AbsoluteUri))
            {
                found.Add(new AssetCandidate(url, known, source));
            }
        }

        foreach (var meta in document.QuerySelectorAll("meta[property], meta[name]"))
        {
            var name = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? "").ToLowerInvariant();
            var content = meta.GetAttribute("content");
            switch (name)
            {
                case "og:image" or "og:image:url" or "og:image:secure_url" or "twitter:image" or "twitter:image:src":
                    Add(content, CandidateKind.Image, name);
                    break;
                case "og:video" or "og:video:url" or "og:video:secure_url" or "twitter:player:stream":
                    Add(content, CandidateKind.Video, name);
                    break;
            }
        }

        foreach (var element in document.All)
        {
            switch (element.LocalName)
            {
                case "img":
                    Add(LargestOf(element.GetAttribute("srcset")) ?? element.GetAttribute("src"), CandidateKind.Image, "img");
                    AddLazy(element, CandidateKind.Image, Add);
                    break;
                case "source" when element.ParentElement?.LocalName == "picture":
                    Add(LargestOf(element.GetAttribute("srcset")) ?? element.GetAttribute("src"), CandidateKind.Image, "picture");
                    AddLazy(element, CandidateKind.Image, Add);
                    break;
                case "source" when element.ParentElement?.LocalName is "video" or "audio":
                    Add(element.GetAttribute("src"), CandidateKind.Video, "video");
                    break;
                case "video":
                    Add(element.GetAttribute("src"), CandidateKind.Video, "video");
                    Add(element.GetAttribute("poster"), CandidateKind.Image, "video poster");
                    break;
                case "a":
                    Add(element.GetAttribute("href"), null, "link");
                    break;
                case "link" when (element.GetAttribute("rel") ?? "").Contains("image_src", StringComparison.OrdinalIgnoreCase):
                    Add(element.GetAttribute("href"), CandidateKind.Image, "link");
                    break;
                case "style":
                    foreach (var reference in StyleSheetUrls(element.TextContent))
                    {
                        Add(reference, CandidateKind.Image, "css");
                    }

                    break;
            }

            if (element.GetAttribute("style") is { Length: > 0 } inline)
            {
                foreach (var reference in DeclarationUrls(inline))
                {
                    Add(reference, CandidateKind.Image, "css");
                }
            }
        }

        var links = new List<Uri>();
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (links.Count >= maxLinks)
            {
                break;
            }

            if (Resolve(baseUrl, anchor.GetAttribute("href")) is { } url && KindByExtension(url) is null && SameSite(url, pageUrl) && linked.Add(url.AbsoluteUri))
            {
                links.Add(url);
            }
        }

        return new PageContent(found, links);
    }

    /// <summary>Same host, a leading <c>www.</c> aside (a crawl stays on the site it was given).</summary>
    public static bool SameSite(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static string Host(Uri u) => u.IdnHost.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.IdnHost[4..] : u.IdnHost;
        return string.Equals(Host(a), Host(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The kind a URL's file extension suggests, or null for a page or something else.</summary>
    public static CandidateKind? KindByExtension(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var extension = Path.GetExtension(url.AbsolutePath);
        return ImageExtensions.Contains(extension) ? CandidateKind.Image
            : VideoExtensions.Contains(extension) ? CandidateKind.Video
            : DocumentExtensions.Contains(extension) ? CandidateKind.Document
            : null;
    }

    private static void AddLazy(IElement element, CandidateKind kind, Action<string?, CandidateKind?, string> add)
    {
        foreach (var name in LazySourceSets)
        {
            add(LargestOf(element.GetAttribute(name)), kind, "lazy");
        }

        foreach (var name in LazySources)
        {
            add(element.GetAttribute(name), kind, "lazy");
        }
    }

    /// <summary>The candidate of a <c>srcset</c> with the largest width (<c>800w</c>) or density (<c>2x</c>) descriptor.</summary>
    public static string? LargestOf(string? srcset)
    {
        if (string.IsNullOrWhiteSpace(srcset))
        {
            return null;
        }

        string? best = null;
        var bestSize = double.MinValue;
        // Candidates are split on commas followed by whitespace or at a URL's end; a URL may itself hold commas.
        foreach (var candidate in srcset.Split([", ", ",\n", ",\t"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = candidate.TrimEnd(',').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var size = 1.0;
            if (parts.Length > 1 && parts[1].Length > 1 &&
                double.TryParse(parts[1][..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                // A srcset uses widths or densities throughout (HTML's rule), so either compares within one set.
                size = parts[1][^1] is 'w' or 'W' or 'x' or 'X' ? value : 1.0;
            }

            if (size > bestSize)
            {
                bestSize = size;
                best = parts[0];
            }
        }

        return best;
    }

    private static IEnumerable<string> StyleSheetUrls(string css)
    {
        var sheet = new CssParser().ParseStyleSheet(css);
        foreach (var rule in sheet.Rules.SelectMany(Flatten))
        {
            if (rule is ICssStyleRule style)
            {
                foreach (var url in Urls(style.Style))
                {
                    yield return url;
                }
            }
        }
    }

    private static IEnumerable<ICssRule> Flatten(ICssRule rule) =>
        rule is ICssGroupingRule group ? group.Rules.SelectMany(Flatten) : [rule];

    private static IEnumerable<string> DeclarationUrls(string declaration) =>
        new CssParser().ParseDeclaration(declaration) is { } style ? Urls(style) : [];

    /// <summary>The <c>url(...)</c> references in a declaration's background properties.</summary>
    private static IEnumerable<string> Urls(ICssStyleDeclaration style)
    {
        foreach (var name in (string[])["background-image", "background"])
        {
            var value = style.GetPropertyValue(name);
            var at = 0;
            while ((at = value.IndexOf("url(", at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = value.IndexOf(')', at + 4);
                if (end < 0)
                {
                    break;
                }

                var inner = value[(at + 4)..end].Trim().Trim('"', '\'');
                at = end + 1;
                if (inner.Length > 0)
                {
                    yield return inner;
                }
            }
        }
    }

    private static Uri? Resolve(Uri baseUrl, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || reference.Length > 2048)
        {
            return null;
        }

        if (!Uri.TryCreate(baseUrl, reference.Trim(), out var url) || !IsWeb(url))
        {
            return null;
        }

        // The fragment never reaches the server: one file, one URL.
        return url.Fragment.Length == 0 ? url : new UriBuilder(url) { Fragment = "" }.Uri;
    }

    private static bool IsWeb(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
