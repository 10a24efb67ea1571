using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

public sealed class DominantColoursTests
{
    /// <summary>A picture split into solid stripes: 60% red, 30% navy, 10% white, side by side.</summary>
    private static Image Stripes()
    {
        using var red = Image.Black(60, 100).NewFromImage([255, 0, 0]);
        using var navy = Image.Black(30, 100).NewFromImage([0, 0, 128]);
        using var white = Image.Black(10, 100).NewFromImage([255, 255, 255]);
        using var redNavy = red.Join(navy, Enums.Direction.Horizontal);
        using var joined = redNavy.Join(white, Enums.Direction.Horizontal);
        using var bytes = joined.Cast(Enums.BandFormat.Uchar);
        return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    [Fact]
    public void The_colours_come_with_names_and_shares_largest_first()
    {
        using var image = Stripes();
        var colours = DominantColours.Extract(image, 3);

        Assert.Equal(["red", "navy", "white"], colours.Select(colour => colour.Name));
        Assert.Equal(0.6, colours[0].Share, 0.05);
        Assert.Equal(0.3, colours[1].Share, 0.05);
        Assert.Equal(0.1, colours[2].Share, 0.05);
        Assert.Equal(1.0, colours.Sum(colour => colour.Share), 0.0001);
        Assert.True(ColourScience.Ciede2000(colours[0].Lab, ColourScience.FromHex("#ff0000")) < 3, colours[0].Hex);
        Assert.Matches("^#[0-9a-f]{6}$", colours[0].Hex);
    }

    [Fact]
    public void The_same_image_gives_the_same_colours_every_time()
    {
        using var photo = TestImages.Photo(320, 240, seed: 3);
        var first = DominantColours.Extract(photo, 5);
        var second = DominantColours.Extract(photo, 5);
        Assert.Equal(5, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_single_colour_gives_one_colour_and_transparent_pixels_are_left_out()
    {
        using var solid = Image.Black(50, 50).NewFromImage([0, 128, 0, 255]);
        using var clear = Image.Black(50, 50).NewFromImage([255, 0, 0, 0]);
        using var joined = Image.Arrayjoin([solid, clear]);
        using var rgba = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);

        var colours = DominantColours.Extract(rgba, 5);
        var only = Assert.Single(colours);
        Assert.Equal("green", only.Name);
        Assert.Equal(1.0, only.Share, 0.0001);
    }
}
