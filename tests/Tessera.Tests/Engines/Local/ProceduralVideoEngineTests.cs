using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Local;
using Tessera.Engines.Local.Video;
using static Tessera.Tests.Engines.Local.LocalEngineRequests;

namespace Tessera.Tests.Engines.Local;

public sealed class ProceduralVideoEngineTests
{
    private static ProceduralVideoEngine Engine(string ffmpeg = "ffmpeg") =>
        new(Options.Create(new LocalEnginesOptions { FfmpegPath = ffmpeg }), InputImages.None, NullLogger<ProceduralVideoEngine>.Instance);

    private static void RequireFfmpeg()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "ffmpeg")));
        if (!onPath)
        {
            Assert.Skip("ffmpeg is not installed (scripts/test installs Debian's ffmpeg package)");
        }
    }

    [Fact]
    public async Task The_video_is_an_mp4_of_the_requested_duration()
    {
        RequireFfmpeg();
        var result = await Engine().RunAsync(For(new { prompt = "teal clouds", duration = 2, fps = 12, seed = 4 }), TestContext.Current.CancellationToken);
        var video = Assert.Single(result.Outputs);
        Assert.Equal("video/mp4", video.ContentType);
        Assert.Equal(OutputRoles.Video, video.Role);
        var bytes = video.Content.ToArray();
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.InRange(MovieSeconds(bytes), 1.9, 2.1);
        Assert.Equal(24, result.Metadata!["frames"]!.GetValue<int>());
        Assert.Equal((640, 360), (result.Metadata!["width"]!.GetValue<int>(), result.Metadata!["height"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_same_prompt_and_seed_give_identical_bytes()
    {
        RequireFfmpeg();
        var input = new { prompt = "deep blue ocean waves", duration = 1, fps = 8, seed = 7, aspect_ratio = "1:1" };
        var first = await Engine().RunAsync(For(input), TestContext.Current.CancellationToken);
        var second = await Engine().RunAsync(For(input), TestContext.Current.CancellationToken);
        Assert.Equal(first.Outputs[0].Content.ToArray(), second.Outputs[0].Content.ToArray());
        Assert.Equal((640, 640), (first.Metadata!["width"]!.GetValue<int>(), first.Metadata!["height"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_odd_aspect_ratio_still_gives_even_dimensions()
    {
        RequireFfmpeg();
        var result = await Engine().RunAsync(For(new { prompt = "stripes", duration = 1, fps = 4, aspect_ratio = "21:9" }), TestContext.Current.CancellationToken);
        Assert.Equal(0, result.Metadata!["height"]!.GetValue<int>() % 2);
    }

    [Fact]
    public async Task Cancellation_kills_ffmpeg_promptly_and_leaves_no_temporary_file()
    {
        RequireFfmpeg();
        var before = Directory.GetFiles(Path.GetTempPath(), "tessera-video-*.mp4").Length;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Engine().RunAsync(For(new { prompt = "teal clouds", duration = 10, fps = 30 }), cancellation.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(Directory.GetFiles(Path.GetTempPath(), "tessera-video-*.mp4").Length <= before);
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_engine_unavailable()
    {
        var error = await Assert.ThrowsAsync<EngineException>(() =>
            Engine("/nonexistent/ffmpeg").RunAsync(For(new { prompt = "clouds", duration = 1 }), TestContext.Current.CancellationToken));
        Assert.Equal("engine_unavailable", error.Code);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task A_failing_encoder_is_encode_failed()
    {
        var error = await Assert.ThrowsAsync<EngineException>(() =>
            Engine("/bin/false").RunAsync(For(new { prompt = "clouds", duration = 1, fps = 2 }), TestContext.Current.CancellationToken));
        Assert.Equal("encode_failed", error.Code);
    }

    [Theory]
    [InlineData("""{"prompt":"x","duration":11}""")]
    [InlineData("""{"prompt":"x","duration":0.5}""")]
    [InlineData("""{"prompt":"x","fps":60}""")]
    [InlineData("""{"prompt":"x","aspect_ratio":"2:1"}""")]
    public async Task Out_of_bounds_input_is_a_validation_error(string json)
    {
        var request = new EngineRequest("job", new ModelDefinition(), System.Text.Json.JsonDocument.Parse(json).RootElement, 1);
        var error = await Assert.ThrowsAsync<EngineException>(() => Engine().RunAsync(request, TestContext.Current.CancellationToken));
        Assert.Equal("validation_error", error.Code);
    }

    /// <summary>The movie's duration from the <c>mvhd</c> box: timescale and duration (32-bit in version 0, 64-bit in 1).</summary>
    private static double MovieSeconds(byte[] mp4)
    {
        var at = mp4.AsSpan().IndexOf("mvhd"u8);
        Assert.True(at > 0, "no mvhd box");
        var box = mp4.AsSpan(at + 4);
        return box[0] == 1
            ? BinaryPrimitives.ReadUInt64BigEndian(box[24..]) / (double)BinaryPrimitives.ReadUInt32BigEndian(box[20..])
            : BinaryPrimitives.ReadUInt32BigEndian(box[16..]) / (double)BinaryPrimitives.ReadUInt32BigEndian(box[12..]);
    }
}
