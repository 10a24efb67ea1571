using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Engines;
using Tessera.Engines.Local.Sprites;
using Tessera.Imaging;
using static Tessera.Tests.Engines.Local.LocalEngineRequests;

namespace Tessera.Tests.Engines.Local;

public sealed class SpriteAnimationEngineTests
{
    private static readonly string Sprite = Convert.ToBase64String(TwoColourSprite(32, 24));

    private readonly SpriteAnimationEngine _engine = new(Options.Create(new ImagingOptions()));

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    public async Task The_gif_has_the_requested_frames_and_the_sheet_lays_them_left_to_right(int frames)
    {
        var result = await _engine.RunAsync(For(new { image = Sprite, prompt = "a character walking left", frames }), TestContext.Current.CancellationToken);
        var animation = Assert.Single(result.Outputs, o => o.Role == OutputRoles.Animation);
        var sheet = Assert.Single(result.Outputs, o => o.Role == OutputRoles.SpriteSheet);
        Assert.Equal("image/gif", animation.ContentType);
        Assert.Equal("image/png", sheet.ContentType);

        var width = result.Metadata!["width"]!.GetValue<int>();
        var height = result.Metadata!["height"]!.GetValue<int>();
        using var gif = Image.GifloadBuffer(animation.Content.ToArray(), n: -1);
        Assert.Equal(frames, (int)gif.Get("n-pages"));
        Assert.Equal(height, gif.PageHeight);
        Assert.Equal(width, gif.Width);
        using var png = Decode(sheet);
        Assert.Equal((frames * width, height), (png.Width, png.Height));
    }

    [Fact]
    public async Task Metadata_reports_frames_size_fps_motion_and_direction()
    {
        var result = await _engine.RunAsync(For(new { image = Sprite, prompt = "a character walking left", fps = 10 }), TestContext.Current.CancellationToken);
        var metadata = result.Metadata!;
        Assert.Equal(8, metadata["frames"]!.GetValue<int>());
        Assert.Equal(10, metadata["fps"]!.GetValue<int>());
        Assert.Equal("walk", metadata["motion"]!.GetValue<string>());
        Assert.Equal("left", metadata["direction"]!.GetValue<string>());

        // Walking travels across a canvas 1.5 sprites wide, with room above for the bob.
        Assert.Equal(48, metadata["width"]!.GetValue<int>());
        Assert.InRange(metadata["height"]!.GetValue<int>(), 24, 30);

        using var gif = Image.GifloadBuffer(result.Outputs[0].Content.ToArray(), n: -1);
        Assert.All((int[])gif.Get("delay"), delay => Assert.Equal(100, delay));
        Assert.Equal(0, (int)gif.Get("loop"));
    }

    [Fact]
    public async Task The_same_input_gives_identical_bytes()
    {
        foreach (var prompt in new[] { "walking right", "jumping", "spinning", "fading", "waving", "pulsing", "idle", "shaking", "floating" })
        {
            var first = await _engine.RunAsync(For(new { image = Sprite, prompt }), TestContext.Current.CancellationToken);
            var second = await _engine.RunAsync(For(new { image = Sprite, prompt }), TestContext.Current.CancellationToken);
            Assert.Equal(first.Outputs[0].Content.ToArray(), second.Outputs[0].Content.ToArray());
            Assert.Equal(first.Outputs[1].Content.ToArray(), second.Outputs[1].Content.ToArray());
        }
    }

    [Fact]
    public async Task Webp_is_an_animated_webp_with_every_frame()
    {
        var result = await _engine.RunAsync(For(new { image = Sprite, prompt = "spinning", frames = 6, format = "webp" }), TestContext.Current.CancellationToken);
        var animation = result.Outputs[0];
        Assert.Equal("image/webp", animation.ContentType);
        Assert.Equal(ImageFormat.WebP, ImageSniffer.Sniff(animation.Content.Span));
        using var webp = Image.WebploadBuffer(animation.Content.ToArray(), n: -1);
        Assert.Equal(6, (int)webp.Get("n-pages"));
    }

    [Fact]
    public async Task Walking_against_the_sprites_facing_mirrors_it()
    {
        // The sprite faces right (the default): red on its left half, blue on its right. Frame 0 is the sprite in place.
        var right = await FirstFrameLeftColumnColour("walking right", facing: "right");
        var left = await FirstFrameLeftColumnColour("walking left", facing: "right");
        var leftFacingLeft = await FirstFrameLeftColumnColour("walking left", facing: "left");
        Assert.Equal("red", right);
        Assert.Equal("blue", left);
        Assert.Equal("red", leftFacingLeft);
    }

    [Fact]
    public async Task The_frames_differ_from_each_other()
    {
        var result = await _engine.RunAsync(For(new { image = Sprite, prompt = "running", frames = 4, format = "webp" }), TestContext.Current.CancellationToken);
        using var sheet = Decode(result.Outputs[1]);
        var width = result.Metadata!["width"]!.GetValue<int>();
        var frames = Enumerable.Range(0, 4).Select(i =>
        {
            using var frame = sheet.Crop(i * width, 0, width, sheet.Height);
            return Convert.ToBase64String(frame.WriteToMemory<byte>());
        }).ToList();
        Assert.Equal(4, frames.Distinct().Count());
    }

    [Fact]
    public async Task A_large_sprite_is_scaled_down_to_512_on_its_long_side()
    {
        var big = Convert.ToBase64String(TwoColourSprite(1000, 400));
        var result = await _engine.RunAsync(For(new { image = big, prompt = "idle", frames = 2 }), TestContext.Current.CancellationToken);
        Assert.Equal(512, result.Metadata!["sprite_width"]!.GetValue<int>());
        Assert.Equal(205, result.Metadata!["sprite_height"]!.GetValue<int>());
    }

    [Fact]
    public async Task Many_frames_of_a_large_sprite_are_bounded_by_the_frame_budget()
    {
        var big = Convert.ToBase64String(TwoColourSprite(512, 512));
        var result = await _engine.RunAsync(For(new { image = big, prompt = "spinning", frames = 32 }), TestContext.Current.CancellationToken);
        var metadata = result.Metadata!;
        var pixels = (long)metadata["width"]!.GetValue<int>() * metadata["height"]!.GetValue<int>() * 32;
        Assert.InRange(pixels, 1, SpriteAnimationEngine.MaxFrameSetPixels);
        Assert.True(metadata["sprite_width"]!.GetValue<int>() < 512);
    }

    [Theory]
    [InlineData("bm90IGFuIGltYWdl")] // "not an image"
    [InlineData("%%% not base64 %%%")]
    [InlineData("")]
    public async Task A_garbage_image_is_a_validation_error(string image)
    {
        var error = await Assert.ThrowsAsync<EngineException>(() => _engine.RunAsync(For(new { image, prompt = "walking" }), TestContext.Current.CancellationToken));
        Assert.Equal("validation_error", error.Code);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task An_image_over_the_decode_bounds_is_a_validation_error()
    {
        var engine = new SpriteAnimationEngine(Options.Create(new ImagingOptions { MaxPixels = 10_000, MaxBytes = 100_000 }));
        var tooManyPixels = Convert.ToBase64String(TwoColourSprite(200, 200));
        var error = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(For(new { image = tooManyPixels, prompt = "walking" }), TestContext.Current.CancellationToken));
        Assert.Equal("validation_error", error.Code);

        var tooManyBytes = Convert.ToBase64String(new byte[200_000]);
        error = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(For(new { image = tooManyBytes, prompt = "walking" }), TestContext.Current.CancellationToken));
        Assert.Equal("validation_error", error.Code);
    }

    [Theory]
    [InlineData(1, "gif")]
    [InlineData(33, "gif")]
    [InlineData(8, "bmp")]
    public async Task Out_of_range_frames_or_an_unknown_format_are_refused(int frames, string format)
    {
        var error = await Assert.ThrowsAsync<EngineException>(() => _engine.RunAsync(For(new { image = Sprite, prompt = "walking", frames, format }), TestContext.Current.CancellationToken));
        Assert.Equal("validation_error", error.Code);
    }

    [Fact]
    public async Task A_data_url_is_accepted()
    {
        var result = await _engine.RunAsync(For(new { image = "data:image/png;base64," + Sprite, prompt = "bob" }), TestContext.Current.CancellationToken);
        Assert.Equal("bob", result.Metadata!["motion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cancelled_job_throws_without_output()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _engine.RunAsync(For(new { image = Sprite, prompt = "walking" }), new CancellationToken(canceled: true)));
    }

    private async Task<string> FirstFrameLeftColumnColour(string prompt, string facing)
    {
        var result = await _engine.RunAsync(For(new { image = Sprite, prompt, facing, format = "webp" }), TestContext.Current.CancellationToken);
        using var sheet = Decode(result.Outputs[1]);
        var width = result.Metadata!["width"]!.GetValue<int>();
        var rgba = sheet.WriteToMemory<byte>();

        // The first opaque pixel of the middle row of frame 0, scanning from the left.
        var y = sheet.Height - 12;
        for (var x = 0; x < width; x++)
        {
            var i = ((y * sheet.Width) + x) * 4;
            if (rgba[i + 3] > 0)
            {
                return rgba[i] > rgba[i + 2] ? "red" : "blue";
            }
        }

        return "none";
    }
}
