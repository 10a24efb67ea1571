using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Local;
using Tessera.Engines.Local.Conditioning;
using Tessera.Engines.Local.Procedural;
using Tessera.Engines.Local.Video;
using Tessera.Imaging;
using static Tessera.Tests.Engines.Local.InputImages;
using static Tessera.Tests.Engines.Local.LocalEngineRequests;

namespace Tessera.Tests.Engines.Local;

/// <summary>image_url in the built-in engines: image-to-image keeps the input's composition and palette; image-to-video animates it.</summary>
public sealed class ImageConditioningTests
{
    private const string Url = "https://images.example/quadrants.png";

    private static readonly InputImages Source = new(new Dictionary<string, byte[]> { [Url] = Quadrants() });

    private static ProceduralImageEngine ImageEngine(IInputImageSource? source = null) =>
        new(source ?? Source, Options.Create(new LocalEnginesOptions()));

    [Fact]
    public async Task Image_to_image_output_resembles_the_input_at_thumbnail_size()
    {
        var prompt = new { prompt = "watercolor landscape", seed = 3, width = 512, height = 512 };
        // Its own source: the shared one also records the other tests' fetches, which run in parallel.
        var source = new InputImages(new Dictionary<string, byte[]> { [Url] = Quadrants() });
        var withImage = await ImageEngine(source).RunAsync(For(new { prompt.prompt, prompt.seed, prompt.width, prompt.height, image_url = Url }), TestContext.Current.CancellationToken);
        var without = await ImageEngine().RunAsync(For(prompt), TestContext.Current.CancellationToken);

        var input = Thumbnail(Quadrants());
        var conditioned = Distance(input, Thumbnail(withImage.Outputs[0].Content.ToArray()));
        var unconditioned = Distance(input, Thumbnail(without.Outputs[0].Content.ToArray()));

        // Each 8×8 cell's average colour is within ~60 of the input's (out of 441), and far closer than the prompt alone.
        Assert.True(conditioned < 60, $"conditioned distance {conditioned:0.0}");
        Assert.True(conditioned * 2.5 < unconditioned, $"conditioned {conditioned:0.0} vs unconditioned {unconditioned:0.0}");
        Assert.Equal("used", withImage.Metadata!["image_url"]!.GetValue<string>());
        Assert.Equal([Url], source.Requested.Distinct());
    }

    [Fact]
    public async Task Image_to_image_takes_its_palette_from_the_input()
    {
        var result = await ImageEngine().RunAsync(For(new { prompt = "neon synthwave grid", seed = 1, width = 256, height = 256, image_url = Url }), TestContext.Current.CancellationToken);
        var palette = result.Metadata!["palette"]!.AsArray().Select(node => node!.GetValue<string>()).ToList();

        // The input's red, blue and yellow are among the palette's stops (k-means centres land on flat areas' colours).
        Assert.Contains(palette, hex => Near(hex, 220, 30, 30));
        Assert.Contains(palette, hex => Near(hex, 30, 40, 210));
        Assert.Contains(palette, hex => Near(hex, 240, 220, 40));
    }

    [Fact]
    public async Task Image_to_image_keeps_the_composition_at_another_aspect_ratio()
    {
        // 16:9 crops the square input's top and bottom (cover fit): the left half is still red over green, the right green over blue.
        var result = await ImageEngine().RunAsync(For(new { prompt = "mosaic", seed = 2, aspect_ratio = "16:9", image_url = Url }), TestContext.Current.CancellationToken);
        var cells = Thumbnail(result.Outputs[0].Content.ToArray(), cells: 4);
        var topLeft = cells[0];
        var bottomRight = cells[15];
        Assert.True(topLeft.R > topLeft.B + 60, $"top left {topLeft}");
        Assert.True(bottomRight.B > bottomRight.R + 60, $"bottom right {bottomRight}");
    }

    [Fact]
    public async Task An_unreachable_image_url_fails_the_attempt_as_transient()
    {
        var error = await Assert.ThrowsAsync<EngineException>(() =>
            ImageEngine().RunAsync(For(new { prompt = "clouds", image_url = "https://images.example/missing.png" }), TestContext.Current.CancellationToken));
        Assert.Equal("input_unreachable", error.Code);
        Assert.True(error.Transient);
    }

    [Fact]
    public async Task Image_to_video_frames_are_the_input_moving_not_a_fresh_scene()
    {
        var image = await Source.LoadAsync(Url, InputPicture.WorkingSide, TestContext.Current.CancellationToken);
        var picture = new InputPicture(image);
        var scene = ProceduralScene.FromPrompt("slow drift", 5) with { Palette = picture.Palette };
        const int width = 320, height = 320, frames = 24;
        var first = new byte[width * height * 4];
        var last = new byte[width * height * 4];
        ProceduralVideoEngine.RenderFrame(scene, picture, 0, frames, 12, width, height, first);
        ProceduralVideoEngine.RenderFrame(scene, picture, frames - 1, frames, 12, width, height, last);

        var input = Thumbnail(Quadrants());
        Assert.True(Distance(input, Thumbnail(Png(first, width, height))) < 60, "the first frame shows the input");
        Assert.True(Distance(input, Thumbnail(Png(last, width, height))) < 90, "the last frame still shows the input, zoomed");
        Assert.NotEqual(first, last);
    }

    [Fact]
    public async Task Image_to_video_reports_that_it_used_the_image()
    {
        if (!Executables.Exists("ffmpeg"))
        {
            Assert.Skip("ffmpeg is not installed (scripts/test installs Debian's ffmpeg package)");
        }

        var engine = new ProceduralVideoEngine(Options.Create(new LocalEnginesOptions()), Source, NullLogger<ProceduralVideoEngine>.Instance);
        var result = await engine.RunAsync(For(new { prompt = "drift", duration = 1, fps = 4, aspect_ratio = "1:1", image_url = Url }), TestContext.Current.CancellationToken);
        Assert.Equal("used", result.Metadata!["image_url"]!.GetValue<string>());
        Assert.Equal("video/mp4", result.Outputs[0].ContentType);
    }

    private static byte[] Png(byte[] rgba, int width, int height)
    {
        using var image = NetVips.Image.NewFromMemory(rgba, width, height, 4, NetVips.Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer();
    }

    private static bool Near(string hex, int r, int g, int b)
    {
        var value = Convert.ToInt32(hex[1..], 16);
        return Math.Abs((value >> 16) - r) + Math.Abs(((value >> 8) & 0xFF) - g) + Math.Abs((value & 0xFF) - b) < 60;
    }
}
