using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>The watermark detector: an overlay on one of two pictures of a photo is found and attributed; re-encodes and other photos are not overlays.</summary>
public sealed class WatermarkDetectorTests(ITestOutputHelper output)
{
    private static readonly byte[] Clean = NewsPhotos.Jpeg(1280, 720, seed: 11);

    [Theory]
    [InlineData(WatermarkPosition.BottomRight)]
    [InlineData(WatermarkPosition.Center)]
    [InlineData(WatermarkPosition.TopLeft)]
    public void A_marked_copy_at_another_size_shows_an_overlay_on_it_and_not_on_the_clean_photo(WatermarkPosition position)
    {
        using var marked = Image.NewFromBuffer(NewsPhotos.Watermarked(Clean, 800, 450, position: position));
        using var clean = Image.NewFromBuffer(Clean);

        var found = OverlayDetector.Compare(marked, clean);
        Assert.True(found.Comparable);
        Assert.NotNull(found.Region);
        Assert.True(found.SubjectHasOverlay, $"edges {found.SubjectEdges:F1} vs {found.ReferenceEdges:F1}, {found.FlaggedCells} cells");
        Assert.False(found.ReferenceHasOverlay);

        var reversed = OverlayDetector.Compare(clean, marked);
        Assert.True(reversed.ReferenceHasOverlay);
        Assert.False(reversed.SubjectHasOverlay);
    }

    [Fact]
    public void A_re_encoded_smaller_copy_is_not_an_overlay()
    {
        using var clean = Image.NewFromBuffer(Clean);
        using var small = clean.ThumbnailImage(640, height: 360, size: Enums.Size.Force);
        using var copy = Image.NewFromBuffer(small.JpegsaveBuffer(q: 60));

        var found = OverlayDetector.Compare(copy, clean);
        Assert.True(found.Comparable);
        Assert.Null(found.Region);
        Assert.Equal(0, found.FlaggedCells);
    }

    [Fact]
    public void Another_photo_or_another_crop_says_nothing_about_a_watermark()
    {
        using var clean = Image.NewFromBuffer(Clean);
        using var other = Image.NewFromBuffer(NewsPhotos.Jpeg(1280, 720, seed: 99));
        Assert.Null(OverlayDetector.Compare(other, clean).Region);

        using var square = clean.Crop(0, 0, 720, 720);
        Assert.False(OverlayDetector.Compare(square, clean).Comparable);
    }

    [Fact]
    public async Task With_ocr_the_marks_words_decide_which_picture_is_watermarked()
    {
        using var ocr = new TesseractCliOcr(Options.Create(new ImagingOptions()), NullLogger<TesseractCliOcr>.Instance, TimeProvider.System);
        Assert.SkipUnless(ocr.Available, "tesseract is not installed (scripts/test installs tesseract-ocr and tesseract-ocr-eng)");
        var detector = new WatermarkDetector(ocr);
        using var marked = Image.NewFromBuffer(NewsPhotos.Watermarked(Clean, 1280, 720, position: WatermarkPosition.Center, opacity: 100));
        using var clean = Image.NewFromBuffer(Clean);

        var verdict = await detector.CompareAsync(marked, clean, TestContext.Current.CancellationToken);
        Assert.True(verdict.SubjectMarked);
        Assert.False(verdict.ReferenceMarked);
        Assert.Contains(verdict.Evidence, new[] { WatermarkEvidence.OverlayText, WatermarkEvidence.OverlayEdges });

        var same = await detector.CompareAsync(clean, clean, TestContext.Current.CancellationToken);
        Assert.Equal(WatermarkEvidence.None, same.Evidence);
        Assert.False(same.SubjectMarked);
    }

    [Fact]
    public void Words_are_runs_of_three_or_more_letters_or_digits()
    {
        var words = WatermarkDetector.Words("NEWSHUB  ~ exclusive, a 2026 |! ok");
        Assert.True(words.SetEquals(["newshub", "exclusive", "2026"]), string.Join(",", words));
    }

    /// <summary>The figure docs/replaceflow.md and OverlayDetector's comment quote: one comparison of two 1080p photos.</summary>
    [Fact(Explicit = true)]
    public void Print_the_cost_of_comparing_two_1080p_photos()
    {
        using var a = Image.NewFromBuffer(NewsPhotos.Jpeg(1920, 1080, seed: 1));
        using var b = Image.NewFromBuffer(NewsPhotos.Watermarked(NewsPhotos.Jpeg(1920, 1080, seed: 1), 1920, 1080));
        OverlayDetector.Compare(a, b);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        const int Runs = 20;
        for (var i = 0; i < Runs; i++)
        {
            OverlayDetector.Compare(a, b);
        }

        output.WriteLine($"OverlayDetector.Compare, 1920x1080 vs 1920x1080: {clock.Elapsed.TotalMilliseconds / Runs:F1} ms");
    }
}
