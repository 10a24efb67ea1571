using System.Text.Json;

namespace Tessera.Engines.Local.Procedural;

/// <summary>The procedural image engine's input: prompt, size, how many pictures, the seed and an optional input image.</summary>
internal sealed record ProceduralImageInput(string Prompt, string AspectRatio, int Width, int Height, int Count, int Seed, bool SeedGiven, string? ImageUrl = null)
{
    /// <summary>Pixels on the long side when only an aspect ratio is given (1:1 → 1024×1024, 16:9 → 1024×576).</summary>
    public const int LongSide = 1024;

    /// <summary>The largest width or height an override may ask for: 2048² RGBA is a 16 MB buffer per output.</summary>
    public const int MaxSide = 2048;

    public const int MinSide = 16;

    public const int MaxOutputs = 4;

    public static ProceduralImageInput Parse(JsonElement input)
    {
        var prompt = EngineInput.String(input, "prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw EngineInput.Invalid("prompt is required.");
        }

        var ratio = EngineInput.String(input, "aspect_ratio", AspectRatios.Default);
        var (width, height) = AspectRatios.Size(ratio, LongSide);
        var widthOverride = EngineInput.OptionalInt(input, "width", MinSide, MaxSide);
        var heightOverride = EngineInput.OptionalInt(input, "height", MinSide, MaxSide);

        // One side given: the other follows the aspect ratio (bounded too).
        (width, height) = (widthOverride, heightOverride) switch
        {
            ({ } w, { } h) => (w, h),
            ({ } w, null) => (w, Math.Clamp((int)Math.Round(w * (double)height / width), MinSide, MaxSide)),
            (null, { } h) => (Math.Clamp((int)Math.Round(h * (double)width / height), MinSide, MaxSide), h),
            _ => (width, height),
        };

        var count = EngineInput.Int(input, "num_outputs", 1, 1, MaxOutputs);
        var seed = EngineInput.Seed(input);
        var imageUrl = EngineInput.String(input, "image_url");
        return new ProceduralImageInput(
            prompt, ratio, width, height, count, seed ?? EngineInput.SeedFromPrompt(prompt), seed is not null, imageUrl.Length > 0 ? imageUrl : null);
    }
}
