using System.Globalization;
using System.Text.Json;

namespace Tessera.Engines.Providers;

/// <summary>Reads the common fields of a validated job input (prompt, num_outputs, seed, size) for provider requests.</summary>
internal static class ProviderInput
{
    /// <summary>The long side of a picture made from only an aspect ratio: 1024 px, SDXL/FLUX's native scale.</summary>
    private const int BaseSide = 1024;

    public static string Prompt(JsonElement input) => String(input, "prompt") ?? "";

    public static string? String(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static int? Int(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    public static int Outputs(JsonElement input) => Math.Max(1, Int(input, "num_outputs") ?? 1);

    /// <summary>Width ÷ height asked for: explicit <c>width</c>/<c>height</c>, else <c>aspect_ratio</c> ("16:9"), else 1.</summary>
    public static double Ratio(JsonElement input)
    {
        if (Int(input, "width") is { } width && Int(input, "height") is { } height && height > 0)
        {
            return (double)width / height;
        }

        return String(input, "aspect_ratio") is { } ratio && ParseRatio(ratio) is { } parsed ? parsed : 1;
    }

    /// <summary>Pixel size: explicit width/height, or the aspect ratio at about 1024×1024 pixels' area in multiples of 64.</summary>
    public static (int Width, int Height) Dimensions(JsonElement input)
    {
        var width = Int(input, "width");
        var height = Int(input, "height");
        if (width is { } w && height is { } h)
        {
            return (w, h);
        }

        var ratio = Ratio(input);
        var computedWidth = RoundTo64(BaseSide * Math.Sqrt(ratio));
        var computedHeight = RoundTo64(BaseSide / Math.Sqrt(ratio));
        return (width ?? computedWidth, height ?? computedHeight);
    }

    private static double? ParseRatio(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && w > 0 && h > 0
            ? w / h
            : null;
    }

    private static int RoundTo64(double value) => Math.Max(64, (int)Math.Round(value / 64) * 64);
}
