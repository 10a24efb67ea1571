using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

public sealed class ColourScienceTests
{
    /// <summary>Sharma, Wu and Dalal (2005), Table 1: the 34 published pairs and their ΔE00 to 4 decimals.</summary>
    public static readonly TheoryData<double, double, double, double, double, double, double> SharmaPairs = new()
    {
        { 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
        { 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
        { 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
        { 50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000 },
        { 50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000 },
        { 50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000 },
        { 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
        { 50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195 },
        { 50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045 },
        { 50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045 },
        { 50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065 },
        { 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
        { 50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977 },
        { 50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030 },
        { 50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000 },
        { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
        { 63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630 },
        { 61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731 },
        { 35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645 },
        { 22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373 },
        { 36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146 },
        { 90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441 },
        { 90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381 },
        { 6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377 },
        { 2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082 },
    };

    [Theory]
    [MemberData(nameof(SharmaPairs))]
    public void Ciede2000_matches_the_published_test_pairs_both_ways(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        Assert.Equal(expected, ColourScience.Ciede2000(new Lab(l1, a1, b1), new Lab(l2, a2, b2)), 0.00005);
        Assert.Equal(expected, ColourScience.Ciede2000(new Lab(l2, a2, b2), new Lab(l1, a1, b1)), 0.00005);
    }

    [Theory]
    [InlineData("#ffffff", 100.0, 0.0, 0.0)]
    [InlineData("#000000", 0.0, 0.0, 0.0)]
    [InlineData("#ff0000", 53.2408, 80.0925, 67.2032)]
    [InlineData("#00ff00", 87.7347, -86.1827, 83.1793)]
    [InlineData("#0000ff", 32.2970, 79.1875, -107.8602)]
    [InlineData("808080", 53.5850, 0.0, 0.0)]
    public void Srgb_converts_to_d65_lab(string hex, double l, double a, double b)
    {
        var lab = ColourScience.FromHex(hex);
        Assert.Equal(l, lab.L, 0.01);
        Assert.Equal(a, lab.A, 0.01);
        Assert.Equal(b, lab.B, 0.01);
    }

    [Fact]
    public void Hex_is_parsed_in_its_usual_forms_and_refused_otherwise()
    {
        Assert.Equal(ColourScience.FromHex("#ff0000"), ColourScience.FromHex("F00"));
        Assert.True(ColourScience.TryParseHex("#1a2B3c", out var r, out var g, out var b));
        Assert.Equal(("#1a2b3c"), ColourScience.ToHex(r, g, b));
        Assert.False(ColourScience.TryParseHex("#12345", out _, out _, out _));
        Assert.False(ColourScience.TryParseHex("#gggggg", out _, out _, out _));
        Assert.Throws<FormatException>(() => ColourScience.FromHex("red"));
    }

    [Theory]
    [InlineData("#fe0101", "red")]
    [InlineData("#000010", "black")]
    [InlineData("#f9f9f9", "white")]
    [InlineData("#0a0a90", "navy")]
    [InlineData("#ffa000", "orange")]
    [InlineData("#7f7f7f", "gray")]
    public void A_colour_is_named_by_the_nearest_palette_entry(string hex, string name)
    {
        Assert.Equal(name, ColourNames.Nearest(ColourScience.FromHex(hex)));
    }
}
