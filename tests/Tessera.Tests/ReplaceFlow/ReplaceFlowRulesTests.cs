using Tessera.Imaging;
using Tessera.ReplaceFlow;
using Tessera.Scraping;

namespace Tessera.Tests.ReplaceFlow;

/// <summary>The rules ReplaceFlow states in docs/replaceflow.md: the quality score, the headline's keywords, the article's headline and picture.</summary>
public sealed class ReplaceFlowRulesTests
{
    [Fact]
    public void Quality_score_weighs_resolution_and_compression_and_takes_points_off_a_watermark()
    {
        Assert.Equal(100, QualityScore.Of(1920, 1080, 1_000_000, ImageFormat.Png, watermarked: false));
        Assert.Equal(100, QualityScore.Of(3840, 2160, 2_000_000, ImageFormat.Jpeg, watermarked: false)); // 1.9 bpp
        Assert.Equal(40, QualityScore.Of(256, 256, 50_000, ImageFormat.Png, watermarked: false));
        Assert.Equal(60, QualityScore.Of(1920, 1080, 30_000, ImageFormat.Jpeg, watermarked: false)); // 0.1 bpp: no compression points
        Assert.Equal(75, QualityScore.Of(1920, 1080, 1_000_000, ImageFormat.Png, watermarked: true));
        var middle = QualityScore.Of(800, 450, 80_000, ImageFormat.Jpeg, watermarked: false);
        Assert.InRange(middle, 41, 99);
    }

    [Fact]
    public void Headline_keywords_drop_short_and_function_words_and_keep_order()
    {
        Assert.Equal(["raila", "odinga", "meets", "commission", "addis", "ababa"], HeadlineKeywords.Of("Raila Odinga Meets the AU Commission in Addis Ababa"));
        Assert.Empty(HeadlineKeywords.Of(null));
        Assert.Equal(HeadlineKeywords.MaxKeywords, HeadlineKeywords.Of(string.Join(' ', Enumerable.Range(0, 20).Select(i => "word" + i))).Count);
    }

    [Fact]
    public void An_articles_headline_is_og_title_then_h1_then_title_and_og_image_comes_first()
    {
        var page = new Uri("https://news.example/story");
        var full = ArticlePage.Read(
            "<html><head><title>Site | Story</title><meta property='og:title' content='  The   Story '><meta property='og:image' content='/lead.jpg'></head>" +
            "<body><h1>Heading</h1><img src='/a.jpg'><img srcset='/b.jpg 1x, /c.jpg 2x'></body></html>", page);
        Assert.Equal("The Story", full.Headline);
        Assert.Equal([new Uri("https://news.example/lead.jpg")], full.Featured);
        Assert.Equal([new Uri("https://news.example/a.jpg"), new Uri("https://news.example/c.jpg")], full.Images);

        Assert.Equal("Heading", ArticlePage.Read("<title>T</title><h1> Heading </h1>", page).Headline);
        Assert.Equal("T", ArticlePage.Read("<title>T</title>", page).Headline);
        Assert.Null(ArticlePage.Read("<p>no title</p>", page).Headline);
    }
}
