using System.Buffers;
using System.Text.Json.Nodes;

namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// <c>procedural-image</c>: draws pictures from a prompt without a neural model. Colour words choose the palette,
/// style words the composition and finish (docs/engines-local.md has the tables), the seed everything random.
/// Output i uses seed + i. Same input → the same PNG bytes.
/// </summary>
public sealed class ProceduralImageEngine : IGenerationEngine
{
    public const string EngineName = "procedural-image";

    /// <summary>The model description the registry shows for models run by this engine.</summary>
    public const string ModelDescription =
        "Procedural image generator built into Tessera. It is not a neural model: it draws landscapes, clouds, mosaics, "
        + "circles, stripes, geometric tiles, waves or neon grids with value noise and simple geometry, choosing colours "
        + "and layout from words in the prompt (colour names such as red, teal, gold, pastel, neon; styles such as "
        + "landscape, mosaic, watercolor, pixel art). The same prompt and seed always give the same image. Runs offline.";

    public string Name => EngineName;

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var input = ProceduralImageInput.Parse(request.Input);

        // CPU-bound: run off the caller's thread so a worker loop awaiting several jobs is not blocked.
        return Task.Run(() => Render(input, cancellationToken), cancellationToken);
    }

    private static EngineResult Render(ProceduralImageInput input, CancellationToken cancellationToken)
    {
        var outputs = new List<EngineOutput>(input.Count);
        var seeds = new JsonArray();
        var buffer = ArrayPool<byte>.Shared.Rent(input.Width * input.Height * 4);
        ProceduralScene? first = null;
        try
        {
            for (var i = 0; i < input.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seed = unchecked(input.Seed + i);
                var scene = ProceduralScene.FromPrompt(input.Prompt, seed);
                first ??= scene;
                ProceduralRenderer.Render(scene, Camera.Still, buffer, input.Width, input.Height);
                outputs.Add(new EngineOutput(RgbaEncoder.Png(buffer, input.Width, input.Height, opaque: true), "image/png", OutputRoles.Image));
                seeds.Add(seed);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var metadata = new JsonObject
        {
            ["seed"] = input.Seed,
            ["seed_source"] = input.SeedGiven ? "input" : "prompt",
            ["seeds"] = seeds,
            ["width"] = input.Width,
            ["height"] = input.Height,
            ["aspect_ratio"] = input.AspectRatio,
            ["palette"] = new JsonArray([.. first!.Palette.Hex.Select(hex => (JsonNode)hex)]),
            ["style"] = StyleWords.Name(first.Composition),
            ["finish"] = StyleWords.Name(first.Finish),
            ["engine"] = EngineName,
        };
        return new EngineResult(outputs, metadata);
    }
}
