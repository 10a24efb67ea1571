using System.Text.Json;

namespace Tessera.Engines.Local.Video;

/// <summary>The procedural video engine's input: prompt, duration, aspect ratio, fps and seed.</summary>
internal sealed record ProceduralVideoInput(string Prompt, string AspectRatio, int Width, int Height, double Duration, int Fps, int Seed, bool SeedGiven, string? ImageUrl)
{
    /// <summary>Pixels on the long side: 16:9 → 640×360. Rendering ~230K pixels a frame keeps a 10-second clip at
    /// 24 fps (240 frames) to a few seconds of one core, and x264's veryfast preset keeps up.</summary>
    public const int LongSide = 640;

    public const double MinDuration = 1;
    public const double MaxDuration = 10;
    public const double DefaultDuration = 5;
    public const int DefaultFps = 24;
    public const int MaxFps = 30;

    public int FrameCount => Math.Max(1, (int)Math.Round(Duration * Fps));

    public static ProceduralVideoInput Parse(JsonElement input)
    {
        var prompt = EngineInput.String(input, "prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw EngineInput.Invalid("prompt is required.");
        }

        var ratio = EngineInput.String(input, "aspect_ratio", "16:9");
        var (width, height) = AspectRatios.Size(ratio, LongSide, even: true);
        var duration = EngineInput.Number(input, "duration", DefaultDuration, MinDuration, MaxDuration);
        var fps = EngineInput.Int(input, "fps", DefaultFps, 1, MaxFps);
        var seed = EngineInput.Seed(input);
        var imageUrl = EngineInput.String(input, "image_url");
        return new ProceduralVideoInput(prompt, ratio, width, height, duration, fps, seed ?? EngineInput.SeedFromPrompt(prompt), seed is not null, imageUrl.Length > 0 ? imageUrl : null);
    }
}
