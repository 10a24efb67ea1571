using NetVips;
using Tessera.Engines;
using Tessera.Engines.Local.Conditioning;
using Tessera.Imaging;

namespace Tessera.Tests.Engines.Local;

/// <summary>
/// An <see cref="IInputImageSource"/> for engine unit tests: URLs map to PNG bytes the test made, decoded with the
/// same decoder the server's source uses; an unknown URL fails like an unreachable host.
/// </summary>
internal sealed class InputImages(IReadOnlyDictionary<string, byte[]>? images = null) : IInputImageSource
{
    public static readonly InputImages None = new();

    public List<string> Requested { get; } = [];

    public Task<RgbaImage> LoadAsync(string url, int maxSide, CancellationToken cancellationToken)
    {
        Requested.Add(url);
        if (images is null || !images.TryGetValue(url, out var png))
        {
            throw new EngineException("input_unreachable", $"no test image at {url}", transient: true);
        }

        var decoded = ImageDecoder.DecodeWithin(png, maxSide);
        return Task.FromResult(decoded.IsSuccess ? decoded.Value : throw new EngineException("validation_error", decoded.Error.Message, transient: false));
    }

    /// <summary>
    /// A 256×256 PNG with a clear composition: a red top-left quadrant, a blue bottom-right one, a yellow stripe across
    /// the middle and dark green elsewhere (colours no prompt-derived palette would pick by chance).
    /// </summary>
    public static byte[] Quadrants(int side = 256)
    {
        var rgba = new byte[side * side * 4];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var i = ((y * side) + x) * 4;
                (byte R, byte G, byte B) colour = (x < side / 2, y < side / 2) switch
                {
                    (true, true) => (220, 30, 30),
                    (false, false) => (30, 40, 210),
                    _ => (20, 90, 40),
                };
                if (Math.Abs(y - (side / 2)) < side / 16)
                {
                    colour = (240, 220, 40);
                }

                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (colour.R, colour.G, colour.B, 255);
            }
        }

        using var image = Image.NewFromMemory(rgba, side, side, 4, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer();
    }

    /// <summary>The mean colour of each cell of an n×n grid over an encoded image (a coarse thumbnail).</summary>
    public static (double R, double G, double B)[] Thumbnail(byte[] encoded, int cells = 8)
    {
        using var image = Image.NewFromBuffer(encoded);
        using var small = image.ThumbnailImage(cells, height: cells, size: Enums.Size.Force);
        using var rgb = small.ExtractBand(0, n: 3);
        var bytes = rgb.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        return [.. Enumerable.Range(0, cells * cells).Select(i => ((double)bytes[i * 3], (double)bytes[(i * 3) + 1], (double)bytes[(i * 3) + 2]))];
    }

    /// <summary>Mean Euclidean RGB distance between two thumbnails' cells (0 = identical, ~440 = opposite).</summary>
    public static double Distance((double R, double G, double B)[] a, (double R, double G, double B)[] b) =>
        a.Zip(b, (p, q) => Math.Sqrt(Math.Pow(p.R - q.R, 2) + Math.Pow(p.G - q.G, 2) + Math.Pow(p.B - q.B, 2))).Average();
}
