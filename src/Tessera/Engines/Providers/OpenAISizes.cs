namespace Tessera.Engines.Providers;

/// <summary>
/// Maps an aspect ratio to the nearest size the OpenAI model accepts. The allowed sizes come from the engine's
/// <c>Sizes</c> option, else from the model name: dall-e-2 squares, dall-e-3 1792-wide/tall, gpt-image 1536-wide/tall.
/// </summary>
internal static class OpenAISizes
{
    private static readonly string[] DallE2 = ["1024x1024", "512x512", "256x256"];
    private static readonly string[] DallE3 = ["1024x1024", "1792x1024", "1024x1792"];
    private static readonly string[] GptImage = ["1024x1024", "1536x1024", "1024x1536"];

    public static IReadOnlyList<string> AllowedFor(string providerModel, IReadOnlyList<string> configured) =>
        configured.Count > 0 ? configured
        : providerModel.StartsWith("dall-e-2", StringComparison.OrdinalIgnoreCase) ? DallE2
        : providerModel.StartsWith("dall-e-3", StringComparison.OrdinalIgnoreCase) ? DallE3
        : GptImage;

    /// <summary>The allowed size whose ratio is closest to <paramref name="ratio"/> (in log space, so 2:1 and 1:2 are equally far from 1:1); ties go to the first listed.</summary>
    public static string Nearest(double ratio, IReadOnlyList<string> allowed)
    {
        var best = allowed[0];
        var bestDistance = double.MaxValue;
        foreach (var size in allowed)
        {
            var distance = Math.Abs(Math.Log(RatioOf(size)) - Math.Log(ratio));
            if (distance < bestDistance - 1e-9)
            {
                best = size;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static double RatioOf(string size)
    {
        var parts = size.Split('x', 'X');
        return parts.Length == 2 && int.TryParse(parts[0], out var width) && int.TryParse(parts[1], out var height) && width > 0 && height > 0
            ? (double)width / height
            : 1;
    }
}
