using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

public sealed class TextAndQrTests
{
    [Fact]
    public void Text_is_rendered_in_its_colour_on_transparency_at_the_asked_size()
    {
        var font = FontFiles.Find("");
        Assert.SkipWhen(font is null, "no system font (scripts/test installs fonts-liberation)");
        using var small = TextRenderer.Render("Tessera <&>", font!, 20, 0xFF0000);
        using var large = TextRenderer.Render("Tessera <&>", font!, 80, 0xFF0000, padding: 10);
        Assert.Equal(4, large.Bands);
        Assert.InRange(large.Height, small.Height * 3, (small.Height * 5) + 20);
        Assert.Equal(0, large.Getpoint(0, 0)[3]);

        // The opaquest pixel is the colour asked for.
        using var alpha = large.ExtractBand(3);
        var peak = alpha.MaxPos();
        var pixel = large.Getpoint((int)peak[1], (int)peak[2]);
        Assert.Equal([255.0, 0.0, 0.0, 255.0], pixel);
    }

    [Fact]
    public void A_qr_code_is_a_png_and_a_data_url_of_it()
    {
        var png = QrCodeWriter.Png("lnbc1500n1ps", 6);
        Assert.Equal(ImageFormat.Png, ImageSniffer.Sniff(png));
        using var image = Image.NewFromBuffer(png);
        Assert.Equal(image.Width, image.Height);
        Assert.Equal(0, image.Width % 6);
        Assert.StartsWith("data:image/png;base64,", QrCodeWriter.PngDataUrl("https://example.test/p/key", 8), StringComparison.Ordinal);
    }
}
