using System.Buffers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Engines.Local.Conditioning;
using Tessera.Engines.Local.Text;
using Tessera.Imaging;

namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// <c>procedural-image</c>: draws pictures from a prompt without a neural model. Colour words choose the palette,
/// style words the composition and finish (docs/engines-local.md has the tables), the seed everything random.
/// Output i uses seed + i. Same input → the same PNG bytes. With <c>image_url</c> it is image-to-image: the input's
/// composition and palette, re-rendered in the prompt's style (<see cref="InputRestyler"/>). A model marked
/// <see cref="ModelDefinition.DrawsText"/> also draws the prompt's quoted text on a sign (<see cref="SignPainter"/>).
/// </summary>
public sealed class ProceduralImageEngine(IInputImageSource images, IOptions<LocalEnginesOptions> options) : IGenerationEngine
{
    public const string EngineName = "procedural-image";

    /// <summary>The model description the registry shows for models run by this engine.</summary>
    public const string ModelDescription =
        "Procedural image generator built into Tessera. It is not a neural model: it draws landscapes, clouds, mosaics, "
        + "circles, stripes, geometric tiles, waves or neon grids with value noise and simple geometry, choosing colours "
        + "and layout from words in the prompt (colour names such as red, teal, gold, pastel, neon; styles such as "
        + "landscape, mosaic, watercolor, pixel art). The same prompt and seed always give the same image. Runs offline. "
        + "With image_url it keeps the input's composition and palette and re-renders it in the prompt's style.";

    public string Name => EngineName;

    public async Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = ProceduralImageInput.Parse(request.Input);
        var picture = input.ImageUrl is { } url
            ? new InputPicture(await images.LoadAsync(url, InputPicture.WorkingSide, cancellationToken))
            : null;
        var text = request.Model.DrawsText ? QuotedText.Find(input.Prompt) : null;
        var font = text is null ? null : FontFiles.Find(options.Value.FontFile);

        // CPU-bound: run off the caller's thread so a worker loop awaiting several jobs is not blocked.
        return await Task.Run(() => Render(input, picture, text, font, cancellationToken), cancellationToken);
    }

    private static EngineResult Render(ProceduralImageInput input, InputPicture? picture, string? text, string? font, CancellationToken cancellationToken)
    {
        var outputs = new List<EngineOutput>(input.Count);
        var seeds = new JsonArray();
        var buffer = ArrayPool<byte>.Shared.Rent(input.Width * input.Height * 4);
        ProceduralScene? first = null;
        SignPainter.Placement? sign = null;
        try
        {
            for (var i = 0; i < input.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seed = unchecked(input.Seed + i);
                var scene = ProceduralScene.FromPrompt(input.Prompt, seed);
                if (picture is not null)
                {
                    // The input decides the colours; the prompt still decides the style's texture and finish.
                    scene = scene with { Palette = picture.Palette };
                    InputRestyler.Render(picture, scene, Camera.Still, buffer, input.Width, input.Height);
                }
                else
                {
                    ProceduralRenderer.Render(scene, Camera.Still, buffer, input.Width, input.Height);
                }

                first ??= scene;
                if (text is not null && font is not null)
                {
                    var stops = scene.Palette.PackedStops;
                    sign = SignPainter.Paint(buffer, input.Width, input.Height, text, font, stops[0], stops[^1]);
                }

                outputs.Add(new EngineOutput(ImageEncoder.Png(buffer, input.Width, input.Height, opaque: true), "image/png", OutputRoles.Image));
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
        if (picture is not null)
        {
            metadata["image_url"] = "used";
            metadata["input_size"] = $"{picture.Width}x{picture.Height}";
        }

        if (text is not null)
        {
            metadata["text"] = sign is { } placed
                ? new JsonObject
                {
                    ["content"] = text,
                    ["font"] = Path.GetFileName(font),
                    ["box"] = new JsonArray(placed.X, placed.Y, placed.Width, placed.Height),
                }
                : new JsonObject { ["content"] = text, ["skipped"] = "no font file found (install fonts-liberation or set Tessera:Engines:Local:FontFile)" };
        }

        return new EngineResult(outputs, metadata);
    }
}
