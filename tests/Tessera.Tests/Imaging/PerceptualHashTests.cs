using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>
/// The hash is python's <c>imagehash.phash</c> bit for bit. The expected hex strings were printed by imagehash's
/// phash code run with Debian 12's python3-pil 9.4 and python3-scipy on the same procedural pixels (the script is in
/// docs/imaging.md), so a change in the resize, the greyscale or the DCT shows here.
/// </summary>
public sealed class PerceptualHashTests
{
    [Theory]
    [InlineData(640, 480, "8a004a43bd7abbee")]
    [InlineData(97, 61, "860c657dc81dfad4")]
    [InlineData(32, 32, "aa1b0766fd1ae162")]
    [InlineData(20, 15, "a816e767981ce3e8")]
    public void The_hash_matches_imagehash_phash_on_known_pictures(int width, int height, string expected)
    {
        using var image = TestImages.FromRgb(TestImages.PatternRgb(width, height), width, height);
        Assert.Equal(expected, PerceptualHash.ToHex(PerceptualHash.Compute(image)));
    }

    [Fact]
    public void The_hash_of_encoded_bytes_matches_imagehash_for_png()
    {
        var png = TestImages.Encode(TestImages.BlobsRgb(300, 200), 300, 200, ".png");
        var hash = PerceptualHash.Compute(png);
        Assert.True(hash.IsSuccess, hash.Error?.Message);
        Assert.Equal("b847c7383f463847", PerceptualHash.ToHex(hash.Value));
    }

    [Fact]
    public void A_greyscale_picture_hashes_as_imagehash_does()
    {
        var rgb = TestImages.PatternRgb(123, 77);
        var green = new byte[123 * 77];
        for (var i = 0; i < green.Length; i++)
        {
            green[i] = rgb[(i * 3) + 1];
        }

        using var grey = TestImages.FromRgb(green, 123, 77, bands: 1);
        Assert.Equal("830e55ab4dc7a656", PerceptualHash.ToHex(PerceptualHash.Compute(grey)));
    }

    [Fact]
    public void The_bits_are_the_plain_dct_definition_on_a_32x32_picture()
    {
        // A reference written out plainly: no resize at 32×32, the unnormalised DCT-II in both directions, the top-left 8×8.
        var pixels = new byte[32 * 32];
        var random = new Random(5);
        random.NextBytes(pixels);
        var dct = new double[8, 8];
        for (var u = 0; u < 8; u++)
        {
            for (var v = 0; v < 8; v++)
            {
                var sum = 0.0;
                for (var y = 0; y < 32; y++)
                {
                    for (var x = 0; x < 32; x++)
                    {
                        sum += pixels[(y * 32) + x] * Math.Cos(Math.PI * u * ((2 * y) + 1) / 64) * Math.Cos(Math.PI * v * ((2 * x) + 1) / 64);
                    }
                }

                dct[u, v] = 4 * sum;
            }
        }

        var values = dct.Cast<double>().ToArray();
        var sorted = values.Order().ToArray();
        var median = (sorted[31] + sorted[32]) / 2;
        var expected = values.Aggregate(0UL, (hash, value) => (hash << 1) | (value > median ? 1UL : 0UL));

        using var image = TestImages.FromRgb(pixels, 32, 32, bands: 1);
        Assert.Equal(PerceptualHash.ToHex(expected), PerceptualHash.ToHex(PerceptualHash.Compute(image)));
    }

    [Fact]
    public void The_same_picture_reencoded_or_resized_stays_within_four_bits()
    {
        using var photo = TestImages.Photo(800, 600, seed: 1);
        var original = PerceptualHash.Compute(photo);
        var jpeg = PerceptualHash.Compute(photo.JpegsaveBuffer(q: 60)).Value;
        var webp = PerceptualHash.Compute(photo.WebpsaveBuffer(q: 50)).Value;
        using var smaller = photo.Resize(0.4);
        var resized = PerceptualHash.Compute(smaller);

        Assert.InRange(PerceptualHash.Distance(original, jpeg), 0, 4);
        Assert.InRange(PerceptualHash.Distance(original, webp), 0, 4);
        Assert.InRange(PerceptualHash.Distance(original, resized), 0, 4);
    }

    [Fact]
    public void Different_pictures_are_at_least_twenty_bits_apart()
    {
        var hashes = Enumerable.Range(10, 6).Select(seed =>
        {
            using var photo = TestImages.Photo(400, 300, seed);
            return PerceptualHash.Compute(photo);
        }).ToArray();

        for (var i = 0; i < hashes.Length; i++)
        {
            for (var j = i + 1; j < hashes.Length; j++)
            {
                Assert.True(PerceptualHash.Distance(hashes[i], hashes[j]) >= 20, $"photos {i} and {j}: {PerceptualHash.ToHex(hashes[i])} vs {PerceptualHash.ToHex(hashes[j])}");
            }
        }
    }

    [Fact]
    public void Hex_round_trips_and_distance_counts_differing_bits()
    {
        Assert.Equal("00000000000000ff", PerceptualHash.ToHex(0xFF));
        Assert.True(PerceptualHash.TryParseHex("A3F2C1D4E5B60718", out var parsed));
        Assert.Equal(0xA3F2C1D4E5B60718UL, parsed);
        Assert.False(PerceptualHash.TryParseHex("a3f2", out _));
        Assert.False(PerceptualHash.TryParseHex("zzf2c1d4e5b60718", out _));
        Assert.False(PerceptualHash.TryParseHex(null, out _));
        Assert.Equal(0, PerceptualHash.Distance(parsed, parsed));
        Assert.Equal(64, PerceptualHash.Distance(0, ulong.MaxValue));
        Assert.Equal(3, PerceptualHash.Distance(0b1011, 0));
    }

    [Fact]
    public void A_bomb_or_garbage_is_refused_before_hashing()
    {
        Assert.Equal("validation_error", PerceptualHash.Compute("not an image"u8.ToArray()).Error?.Code);
        using var big = Image.Black(3000, 3000);
        var png = big.PngsaveBuffer();
        var refused = PerceptualHash.Compute(png, new ImagingOptions { MaxPixels = 1_000_000 });
        Assert.Equal("validation_error", refused.Error?.Code);
    }
}
