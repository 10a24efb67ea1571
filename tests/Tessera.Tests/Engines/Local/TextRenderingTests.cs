using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Engines;
using Tessera.Engines.Local;
using Tessera.Engines.Local.Procedural;
using Tessera.Engines.Local.Text;
using Tessera.Imaging;

namespace Tessera.Tests.Engines.Local;

/// <summary>Text-capable models draw the prompt's quoted text with a real font; others do not.</summary>
public sealed class TextRenderingTests
{
    private static readonly ModelDefinition TextModel = new() { Id = "qwen-image", DrawsText = true };

    private static string RequireFont()
    {
        var font = FontFiles.Find("");
        Assert.SkipWhen(font is null, "no system font (scripts/test installs fonts-liberation)");
        return font!;
    }

    private static Task<EngineResult> RenderAsync(string prompt, ModelDefinition model, string fontFile = "") =>
        new ProceduralImageEngine(InputImages.None, Options.Create(new LocalEnginesOptions { FontFile = fontFile }))
            .RunAsync(new EngineRequest("job_text", model, System.Text.Json.JsonSerializer.SerializeToElement(new { prompt, seed = 9, width = 512, height = 512 }), 1), TestContext.Current.CancellationToken);

    [Fact]
    public void Quoted_text_is_found_in_straight_and_curly_quotes()
    {
        Assert.Equal("OPEN", QuotedText.Find("a shop sign saying \"OPEN\" at night"));
        Assert.Equal("Café", QuotedText.Find("a sign reading “Café”"));
        Assert.Null(QuotedText.Find("a sign with no words"));
        Assert.Equal(QuotedText.MaxChars, QuotedText.Find("\"" + new string('x', 200) + "\"")!.Length);
    }

    [Fact]
    public async Task A_text_model_draws_the_quoted_text_with_the_font()
    {
        var font = RequireFont();
        var withText = await RenderAsync("a red sign saying \"OPEN\"", TextModel);
        var plain = await RenderAsync("a red sign saying \"OPEN\"", new ModelDefinition { Id = "flux" });

        var text = withText.Metadata!["text"]!.AsObject();
        Assert.Equal("OPEN", text["content"]!.GetValue<string>());
        Assert.Equal(Path.GetFileName(font), text["font"]!.GetValue<string>());
        Assert.Null(plain.Metadata!["text"]);

        // The sign's box differs from the same picture without text; outside it the pictures are identical.
        var box = text["box"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        using var a = Image.NewFromBuffer(withText.Outputs[0].Content.ToArray());
        using var b = Image.NewFromBuffer(plain.Outputs[0].Content.ToArray());
        using var inside = (a.Crop(box[0], box[1], box[2], box[3]) - b.Crop(box[0], box[1], box[2], box[3])).Abs();
        using var above = (a.Crop(0, 0, 512, box[1]) - b.Crop(0, 0, 512, box[1])).Abs();
        Assert.True(inside.Avg() > 10, $"sign region mean difference {inside.Avg():0.0}");
        Assert.Equal(0, above.Max());
    }

    [Fact]
    public async Task The_glyphs_differ_with_the_text()
    {
        RequireFont();
        var open = await RenderAsync("a sign saying \"OPEN\"", TextModel);
        var shut = await RenderAsync("a sign saying \"SHUT\"", TextModel);
        Assert.NotEqual(open.Outputs[0].Content.ToArray(), shut.Outputs[0].Content.ToArray());
    }

    [Fact]
    public async Task Without_a_font_the_text_is_skipped_with_a_reason()
    {
        var result = await RenderAsync("a sign saying \"OPEN\"", TextModel, fontFile: "/nonexistent/font.ttf");
        Assert.Contains("no font", result.Metadata!["text"]!["skipped"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ocr_reads_the_drawn_text_when_tesseract_is_installed()
    {
        RequireFont();
        var tesseract = new[] { "/usr/bin/tesseract", "/usr/local/bin/tesseract" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(tesseract is null, "tesseract-ocr is not installed; the pixel comparison above is the check");
        var result = await RenderAsync("a sign saying \"OPEN\"", TextModel);
        var file = Path.Combine(Path.GetTempPath(), $"tessera-ocr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, result.Outputs[0].Content.ToArray(), TestContext.Current.CancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tesseract!, [file, "stdout", "--psm", "11"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Contains("OPEN", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Qwen_image_is_marked_text_capable_by_default()
    {
        var models = Tessera.Engines.Models.DefaultModels.Create();
        Assert.True(models.Single(m => m.Id == "qwen-image").DrawsText);
        Assert.False(models.Single(m => m.Id == "flux-1.1-pro").DrawsText);
    }
}
