using System.Text.Json;
using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Editing;
using Tessera.Imaging;

namespace Tessera.Tests.Editing;

/// <summary>The Live Editor's renders, read back pixel by pixel (docs/pixels-ocean.md, "Live Editor").</summary>
public sealed class EditRendererTests
{
    private static readonly EditingOptions Settings = new();
    private static readonly EditParser Parser = new(Options.Create(Settings), new EditFonts());
    private static readonly EditRenderer Renderer = new(Options.Create(Settings), new PreviewBaseCache(Options.Create(Settings)));

    /// <summary>A grey photo-like base: a diagonal ramp with some colour, so filters have something to change.</summary>
    internal static byte[] Base(int width = 400, int height = 300, bool jpeg = false)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz.ExtractBand(0);
        using var y = xyz.ExtractBand(1);
        using var r = x.Linear([200.0 / width], [30.0]);
        using var g = y.Linear([150.0 / height], [60.0]);
        using var b = (x + y).Linear([100.0 / (width + height)], [90.0]);
        using var joined = r.Bandjoin(g, b);
        using var bytes = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return jpeg ? bytes.JpegsaveBuffer(q: 90) : bytes.PngsaveBuffer();
    }

    internal static byte[] Solid(int width, int height, byte red, byte green, byte blue)
    {
        using var image = Image.Black(width, height, bands: 3).NewFromImage(red, green, blue).Cast(Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    private static Image Render(string json, byte[]? baseImage = null, Dictionary<long, byte[]>? layers = null, bool preview = false)
    {
        var edit = Parser.Parse(JsonDocument.Parse(json).RootElement, template: false);
        Assert.True(edit.IsSuccess, edit.Error?.Message);
        var sources = new EditSources(baseImage ?? Base(), Guid.NewGuid().ToString(), layers ?? []);
        var rendered = preview ? Renderer.Preview(sources, edit.Value, ImagingOptions.Default) : Renderer.Render(sources, edit.Value, ImagingOptions.Default);
        Assert.True(rendered.IsSuccess, rendered.Error?.Message);
        return Image.NewFromBuffer(rendered.Value.Bytes);
    }

    private static double[] At(Image image, int x, int y) => image.Getpoint(x, y);

    private static void AssertColour(double[] pixel, double r, double g, double b, double tolerance = 3)
    {
        Assert.True(Math.Abs(pixel[0] - r) <= tolerance && Math.Abs(pixel[1] - g) <= tolerance && Math.Abs(pixel[2] - b) <= tolerance,
            $"expected ({r},{g},{b}), got ({string.Join(",", pixel)})");
    }

    [Fact]
    public void A_red_rect_shape_paints_red_pixels_inside_its_box_and_leaves_the_rest()
    {
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"layers":[{"type":"shape","shape":"rect","x":50,"y":40,"width":100,"height":60,"fill":"#ff0000"}]}""");
        Assert.Equal((400, 300), (image.Width, image.Height));
        AssertColour(At(image, 55, 45), 255, 0, 0);
        AssertColour(At(image, 149, 99), 255, 0, 0);
        using var plain = Image.NewFromBuffer(Base());
        AssertColour(At(image, 160, 45), At(plain, 160, 45)[0], At(plain, 160, 45)[1], At(plain, 160, 45)[2]);
        AssertColour(At(image, 55, 105), At(plain, 55, 105)[0], At(plain, 55, 105)[1], At(plain, 55, 105)[2]);
    }

    [Fact]
    public void Greyscale_makes_every_channel_equal()
    {
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"filters":{"greyscale":true}}""");
        foreach (var (x, y) in new[] { (0, 0), (200, 150), (399, 299), (123, 45) })
        {
            var pixel = At(image, x, y);
            Assert.True(pixel[0] == pixel[1] && pixel[1] == pixel[2], string.Join(",", pixel));
        }
    }

    [Fact]
    public void Crop_then_resize_gives_the_asked_dimensions_and_content()
    {
        using var cropped = Render("""{"media_id":1,"output":{"format":"png"},"crop":{"x":100,"y":50,"width":200,"height":100}}""");
        Assert.Equal((200, 100), (cropped.Width, cropped.Height));
        using var plain = Image.NewFromBuffer(Base());
        AssertColour(At(cropped, 0, 0), At(plain, 100, 50)[0], At(plain, 100, 50)[1], At(plain, 100, 50)[2]);

        using var contained = Render("""{"media_id":1,"output":{"format":"png"},"crop":{"x":100,"y":50,"width":200,"height":100},"resize":{"width":100}}""");
        Assert.Equal((100, 50), (contained.Width, contained.Height));
        using var covered = Render("""{"media_id":1,"output":{"format":"png"},"resize":{"width":100,"height":100,"fit":"cover"}}""");
        Assert.Equal((100, 100), (covered.Width, covered.Height));
        using var filled = Render("""{"media_id":1,"output":{"format":"png"},"resize":{"width":120,"height":30,"fit":"fill"}}""");
        Assert.Equal((120, 30), (filled.Width, filled.Height));
    }

    [Fact]
    public void Layer_coordinates_are_in_edited_image_pixels_after_crop_and_resize()
    {
        // Cropped to 200x100 and doubled to 400x200: a rect at (300, 150) is there in the output, not in the source.
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"crop":{"x":0,"y":0,"width":200,"height":100},"resize":{"width":400},"layers":[{"type":"shape","shape":"rect","x":300,"y":150,"width":20,"height":20,"fill":"#00ff00"}]}""");
        Assert.Equal((400, 200), (image.Width, image.Height));
        AssertColour(At(image, 310, 160), 0, 255, 0);
        AssertColour(At(image, 290, 160), At(image, 290, 160)[0], At(image, 290, 160)[1], At(image, 290, 160)[2]);
        Assert.True(At(image, 290, 160)[1] < 250);
    }

    [Fact]
    public void Rotation_turns_a_layer_about_its_centre()
    {
        // A 200x10 bar turned 90°: it stands upright through the same centre (200, 150).
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"layers":[{"type":"shape","shape":"rect","x":100,"y":145,"width":200,"height":10,"fill":"#0000ff","rotation":90}]}""");
        AssertColour(At(image, 200, 70), 0, 0, 255);
        AssertColour(At(image, 200, 230), 0, 0, 255);
        Assert.True(At(image, 120, 150)[2] < 200, "the unturned bar's end is not painted");
    }

    [Fact]
    public void Opacity_blends_the_layer_with_what_is_under_it()
    {
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"layers":[{"type":"shape","shape":"rect","x":0,"y":0,"width":100,"height":100,"fill":"#ff0000","opacity":50}]}""", Solid(100, 100, 0, 0, 255));
        AssertColour(At(image, 50, 50), 128, 0, 127, tolerance: 3);
    }

    [Fact]
    public void Higher_z_is_drawn_on_top_whatever_the_list_order()
    {
        const string layers = """[{"type":"shape","shape":"rect","x":10,"y":10,"width":50,"height":50,"fill":"#ff0000","z":2},{"type":"shape","shape":"rect","x":10,"y":10,"width":50,"height":50,"fill":"#00ff00","z":1}]""";
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"layers":""" + layers + "}");
        AssertColour(At(image, 30, 30), 255, 0, 0);
    }

    [Fact]
    public void Image_layers_are_scaled_and_placed_and_ellipses_and_lines_are_drawn()
    {
        var layers = new Dictionary<long, byte[]> { [7] = Solid(40, 20, 255, 255, 0) };
        using var image = Render("""
            {"media_id":1,"output":{"format":"png"},"layers":[
              {"type":"image","media_id":7,"x":300,"y":200,"scale":2},
              {"type":"shape","shape":"ellipse","x":20,"y":20,"width":80,"height":40,"fill":"#ff00ff"},
              {"type":"shape","shape":"line","x":0,"y":290,"width":399,"height":0,"stroke":"#000000","stroke_width":6}]}
            """, layers: layers);
        AssertColour(At(image, 305, 205), 255, 255, 0);
        AssertColour(At(image, 378, 238), 255, 255, 0);
        AssertColour(At(image, 60, 40), 255, 0, 255);
        Assert.True(At(image, 22, 22)[1] > 10, "the ellipse's box corner is not painted");
        AssertColour(At(image, 200, 290), 0, 0, 0);
    }

    [Fact]
    public void Text_with_an_outline_paints_both_colours_near_its_position()
    {
        using var image = Render("""{"media_id":1,"output":{"format":"png"},"layers":[{"type":"text","text":"HHHH","x":20,"y":20,"size":80,"color":"#ff0000","outline_color":"#00ff00","outline_width":4}]}""",
            Solid(400, 300, 0, 0, 0));
        var (red, green) = (0, 0);
        for (var y = 0; y < 150; y += 2)
        {
            for (var x = 0; x < 300; x += 2)
            {
                var p = At(image, x, y);
                red += p[0] > 200 && p[1] < 60 ? 1 : 0;
                green += p[1] > 200 && p[0] < 60 ? 1 : 0;
            }
        }

        Assert.True(red > 100, $"red text pixels: {red}");
        Assert.True(green > 50, $"green outline pixels: {green}");
        AssertColour(At(image, 350, 250), 0, 0, 0);
    }

    [Fact]
    public void A_preview_scales_the_image_and_its_layers_to_at_most_the_preview_side()
    {
        var big = Base(2048, 1536, jpeg: true);
        using var image = Render("""{"media_id":1,"layers":[{"type":"shape","shape":"rect","x":1000,"y":800,"width":200,"height":200,"fill":"#ff0000"}]}""", big, preview: true);
        Assert.Equal((1000, 750), (image.Width, image.Height));
        AssertColour(At(image, 530, 430), 255, 0, 0, tolerance: 12);
        Assert.True(At(image, 470, 430)[0] < 200);
    }

    [Fact]
    public void A_crop_outside_the_base_is_refused_naming_the_field()
    {
        var edit = Parser.Parse(JsonDocument.Parse("""{"media_id":1,"crop":{"x":300,"y":0,"width":200,"height":100}}""").RootElement, template: false);
        var rendered = Renderer.Render(new EditSources(Base(), "k", new Dictionary<long, byte[]>()), edit.Value, ImagingOptions.Default);
        Assert.False(rendered.IsSuccess);
        Assert.Contains("'crop'", rendered.Error!.Message);
    }
}
