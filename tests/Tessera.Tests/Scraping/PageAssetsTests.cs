using Tessera.Scraping;

namespace Tessera.Tests.Scraping;

public sealed class PageAssetsTests
{
    private static readonly Uri Page = new("https://example.com/gallery/index.html");

    [Fact]
    public void Every_place_a_page_puts_an_image_is_found_once_resolved_against_the_page()
    {
        const string html = """
            <html><head>
              <meta property="og:image" content="/social.jpg">
              <meta name="twitter:image" content="https://cdn.example.com/tw.png">
              <style>.hero { background-image: url("hero.webp"); } @media (min-width: 10px) { .x { background: #fff url(bg2.png) no-repeat; } }</style>
            </head><body>
              <img src="small.jpg" srcset="small.jpg 320w, large.jpg 1280w, medium.jpg 640w">
              <img data-src="lazy.jpg" src="data:image/gif;base64,R0lGOD">
              <picture><source srcset="pic@1x.avif 1x, pic@2x.avif 2x"><img src="pic.jpg"></picture>
              <div style="background-image: url('inline.png')"></div>
              <video src="clip.mp4" poster="poster.jpg"><source src="clip.webm"></video>
              <a href="/files/report.pdf">report</a> <a href="photo.png#top">photo</a> <a href="photo.png">again</a>
              <a href="/about">about</a> <a href="https://other.example.org/page">away</a> <a href="javascript:alert(1)">js</a>
              <img src="ftp://example.com/nope.jpg">
            </body></html>
            """;
        var content = PageAssets.Read(html, Page);
        var urls = content.Assets.Select(asset => asset.Url.AbsoluteUri).ToList();
        Assert.Equal(
            [
                "https://example.com/social.jpg", "https://cdn.example.com/tw.png", "https://example.com/gallery/hero.webp",
                "https://example.com/gallery/bg2.png", "https://example.com/gallery/large.jpg", "https://example.com/gallery/lazy.jpg",
                "https://example.com/gallery/pic@2x.avif", "https://example.com/gallery/pic.jpg", "https://example.com/gallery/inline.png",
                "https://example.com/gallery/clip.mp4", "https://example.com/gallery/poster.jpg", "https://example.com/gallery/clip.webm",
                "https://example.com/files/report.pdf", "https://example.com/gallery/photo.png",
            ],
            urls);
        Assert.Equal(CandidateKind.Video, content.Assets.Single(asset => asset.Url.AbsolutePath.EndsWith("clip.mp4", StringComparison.Ordinal)).Kind);
        Assert.Equal(CandidateKind.Document, content.Assets.Single(asset => asset.Url.AbsolutePath.EndsWith("report.pdf", StringComparison.Ordinal)).Kind);
        Assert.Equal(["https://example.com/about"], content.Links.Select(link => link.AbsoluteUri));
    }

    [Fact]
    public void A_base_href_moves_relative_urls_and_www_is_the_same_site()
    {
        var content = PageAssets.Read("""<base href="https://www.example.com/media/"><img src="a.jpg"><a href="next">n</a>""", Page);
        Assert.Equal("https://www.example.com/media/a.jpg", Assert.Single(content.Assets).Url.AbsoluteUri);
        Assert.Equal("https://www.example.com/media/next", Assert.Single(content.Links).AbsoluteUri);
    }

    [Theory]
    [InlineData("a.jpg 1x, b.jpg 3x, c.jpg 2x", "b.jpg")]
    [InlineData("a.jpg 100w,b.jpg 50w", "a.jpg")]
    [InlineData("only.jpg", "only.jpg")]
    [InlineData("", null)]
    public void The_largest_srcset_candidate_wins(string srcset, string? expected) => Assert.Equal(expected, PageAssets.LargestOf(srcset));

    [Fact]
    public void Broken_markup_is_read_as_browsers_read_it()
    {
        var content = PageAssets.Read("<div><img src='a.png' <p>unclosed <img src=\"b.gif\"", Page);
        Assert.Contains(content.Assets, asset => asset.Url.AbsolutePath == "/gallery/a.png");
    }
}
