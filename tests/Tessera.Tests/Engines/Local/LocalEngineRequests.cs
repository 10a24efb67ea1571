using System.Text.Json;
using NetVips;
using Tessera.Engines;

namespace Tessera.Tests.Engines.Local;

/// <summary>Builds engine requests from anonymous objects and reads the images engines return.</summary>
internal static class LocalEngineRequests
{
    public static EngineRequest For(object input) =>
        new("job_test", new ModelDefinition { Id = "test-model" }, JsonSerializer.SerializeToElement(input), 1);

    public static Image Decode(EngineOutput output) => Image.NewFromBuffer(output.Content.ToArray());

    /// <summary>The mean of each of the first three bands (R, G, B) of an encoded image.</summary>
    public static (double R, double G, double B) MeanColour(EngineOutput output)
    {
        using var image = Decode(output);
        using var r = image.ExtractBand(0);
        using var g = image.ExtractBand(1);
        using var b = image.ExtractBand(2);
        return (r.Avg(), g.Avg(), b.Avg());
    }

    /// <summary>A PNG sprite whose left half is red and right half blue (so mirroring shows), on transparency at the corners.</summary>
    public static byte[] TwoColourSprite(int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                var corner = (x < 2 || x >= width - 2) && (y < 2 || y >= height - 2);
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = x < width / 2 ? ((byte)220, (byte)20, (byte)20, (byte)(corner ? 0 : 255)) : ((byte)20, (byte)20, (byte)220, (byte)(corner ? 0 : 255));
            }
        }

        using var image = Image.NewFromMemory(rgba, width, height, 4, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer();
    }
}
