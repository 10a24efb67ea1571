using System.Text.Json;

namespace Tessera.Engines.Local.Sprites;

/// <summary>The sprite animation engine's input: the sprite (base64), the prompt, frames, fps, format and facing.</summary>
internal sealed record SpriteAnimationInput(byte[] Image, string Prompt, int Frames, int Fps, bool WebP, Direction Facing)
{
    public const int DefaultFrames = 8;
    public const int MinFrames = 2;
    public const int MaxFrames = 32;
    public const int DefaultFps = 12;

    /// <summary>GIF delays are whole centiseconds and browsers clamp delays under 2 cs, so 50 fps is the honest ceiling.</summary>
    public const int MaxFps = 50;

    public static SpriteAnimationInput Parse(JsonElement input, long maxBytes)
    {
        var image = DecodeBase64(EngineInput.String(input, "image"), maxBytes);
        var prompt = EngineInput.String(input, "prompt");
        var frames = EngineInput.Int(input, "frames", DefaultFrames, MinFrames, MaxFrames);
        var fps = EngineInput.Int(input, "fps", DefaultFps, 1, MaxFps);
        var webp = EngineInput.String(input, "format", "gif").ToLowerInvariant() switch
        {
            "gif" => false,
            "webp" => true,
            _ => throw EngineInput.Invalid("format must be \"gif\" or \"webp\"."),
        };
        var facing = EngineInput.String(input, "facing", "right").ToLowerInvariant() switch
        {
            "right" => Direction.Right,
            "left" => Direction.Left,
            _ => throw EngineInput.Invalid("facing must be \"left\" or \"right\"."),
        };
        return new SpriteAnimationInput(image, prompt, frames, fps, webp, facing);
    }

    /// <summary>Base64 (standard alphabet), optionally as a data URL (<c>data:image/png;base64,...</c>); refused before
    /// decoding when it would exceed <paramref name="maxBytes"/>.</summary>
    private static byte[] DecodeBase64(string text, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw EngineInput.Invalid("image is required: a base64-encoded PNG, JPEG, GIF or WebP.");
        }

        var comma = text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        var payload = comma >= 0 ? text.AsSpan(comma + 1) : text.AsSpan();
        if ((long)payload.Length / 4 * 3 > maxBytes)
        {
            throw EngineInput.Invalid($"image is larger than {maxBytes} bytes.");
        }

        var bytes = new byte[((payload.Length + 3) / 4 * 3) + 3];
        return Convert.TryFromBase64Chars(payload, bytes, out var written)
            ? bytes[..written]
            : throw EngineInput.Invalid("image is not valid base64.");
    }
}
