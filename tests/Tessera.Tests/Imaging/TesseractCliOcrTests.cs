using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>OCR reads back a word <see cref="TextRenderer"/> drew; it is bounded in time and says when it cannot run.</summary>
public sealed class TesseractCliOcrTests
{
    private static TesseractCliOcr Ocr(ImagingOptions? options = null) =>
        new(Options.Create(options ?? new ImagingOptions()), NullLogger<TesseractCliOcr>.Instance, TimeProvider.System);

    /// <summary>Black text on a white photo-sized page, as a JPEG.</summary>
    private static byte[] Page(string text, int width = 1600, int height = 900)
    {
        var font = FontFiles.Find("");
        Assert.SkipWhen(font is null, "no system font (scripts/test installs fonts-liberation)");
        using var words = TextRenderer.Render(text, font!, 96, 0x101010, padding: 20);
        using var page = Image.Black(width, height, bands: 3).Linear([1.0], [255.0]).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var composed = page.Composite2(words, Enums.BlendMode.Over, x: 100, y: 300);
        return composed.Cast(Enums.BandFormat.Uchar).JpegsaveBuffer(q: 90);
    }

    [Fact]
    public async Task A_rendered_word_is_read_back()
    {
        using var ocr = Ocr();
        Assert.SkipUnless(ocr.Available, "tesseract is not installed (scripts/test installs tesseract-ocr and tesseract-ocr-eng)");
        var text = await ocr.ReadTextAsync(Page("Harbour Lighthouse 1927"), TestContext.Current.CancellationToken);
        Assert.NotNull(text);
        Assert.Contains("Harbour Lighthouse", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_large_image_is_shrunk_first_and_a_blank_one_reads_as_empty()
    {
        using var ocr = Ocr(new ImagingOptions { OcrMaxSide = 1200, MaxPixels = 60_000_000 });
        Assert.SkipUnless(ocr.Available, "tesseract is not installed");
        var text = await ocr.ReadTextAsync(Page("SUMMER SALE", 6000, 3000), TestContext.Current.CancellationToken);
        Assert.Contains("SUMMER", text, StringComparison.OrdinalIgnoreCase);

        using var blank = Image.Black(300, 200, bands: 3).Linear([1.0], [255.0]).Cast(Enums.BandFormat.Uchar);
        Assert.Equal("", await ocr.ReadTextAsync(blank.PngsaveBuffer(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Over_the_time_bound_the_process_is_killed_and_the_answer_is_null()
    {
        using var ocr = Ocr(new ImagingOptions { OcrTimeout = TimeSpan.FromMilliseconds(50) });
        Assert.SkipUnless(ocr.Available, "tesseract is not installed");
        var watch = Stopwatch.StartNew();
        var text = await ocr.ReadTextAsync(Page("Timeout test with many words on the page"), TestContext.Current.CancellationToken);
        Assert.Null(text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_missing_binary_makes_ocr_unavailable_and_garbage_reads_as_null()
    {
        using var missing = Ocr(new ImagingOptions { TesseractPath = "/nonexistent/tesseract" });
        Assert.False(missing.Available);
        Assert.Null(await missing.ReadTextAsync([1, 2, 3], TestContext.Current.CancellationToken));

        using var ocr = Ocr();
        Assert.Null(await ocr.ReadTextAsync("not an image"u8.ToArray(), TestContext.Current.CancellationToken));
    }
}
