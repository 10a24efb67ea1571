using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Engines.Local.Procedural;

namespace Tessera.Engines.Local.Video;

/// <summary>
/// <c>procedural-video</c>: the procedural image engine's scene, filmed by a camera that slowly pans and zooms in while
/// the scene's own time runs (clouds drift, waves roll, the neon grid scrolls), encoded to MP4 (H.264) by ffmpeg.
/// Deterministic for a prompt and seed (on one machine: same ffmpeg build, same bytes).
/// </summary>
public sealed class ProceduralVideoEngine(IOptions<LocalEnginesOptions> options, ILogger<ProceduralVideoEngine> logger) : IGenerationEngine
{
    public const string EngineName = "procedural-video";

    public const string ModelDescription =
        "Procedural video generator built into Tessera. It is not a neural model: it films the procedural image "
        + "generator's scene (colours and style from the prompt's words) with a slow pan and zoom while clouds drift and "
        + "waves roll, and encodes an MP4 (H.264) with ffmpeg. Priced per second of duration. The same prompt and seed "
        + "always give the same video. Runs offline; image_url is ignored.";

    /// <summary>How far the camera zooms in over the clip (the last frame shows 85% of the first's width).</summary>
    private const float FinalZoom = 0.85f;

    public string Name => EngineName;

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var input = ProceduralVideoInput.Parse(request.Input);
        return Task.Run(() => RenderAsync(request.JobId, input, cancellationToken), cancellationToken);
    }

    private async Task<EngineResult> RenderAsync(string jobId, ProceduralVideoInput input, CancellationToken cancellationToken)
    {
        var scene = ProceduralScene.FromPrompt(input.Prompt, input.Seed);
        var frames = input.FrameCount;
        var worldWidth = input.Width / (float)input.Height;
        var pan = (new SeededRandom(input.Seed).NextFloat() < 0.5f ? -0.2f : 0.2f) * worldWidth;
        var encoder = new FfmpegEncoder(options.Value.FfmpegPath, logger);
        var video = await encoder.EncodeAsync(jobId, input.Width, input.Height, input.Fps, frames, (i, buffer) =>
        {
            var progress = frames == 1 ? 0 : i / (float)(frames - 1);
            var zoom = 1 - ((1 - FinalZoom) * progress);

            // Zoom about the centre of the frame while panning sideways.
            var camera = new Camera((pan * progress) + ((1 - zoom) * worldWidth / 2), (1 - zoom) / 2, zoom, i / (float)input.Fps);
            ProceduralRenderer.Render(scene, camera, buffer, input.Width, input.Height);
        }, cancellationToken);

        var metadata = new JsonObject
        {
            ["seed"] = input.Seed,
            ["seed_source"] = input.SeedGiven ? "input" : "prompt",
            ["width"] = input.Width,
            ["height"] = input.Height,
            ["aspect_ratio"] = input.AspectRatio,
            ["fps"] = input.Fps,
            ["duration"] = input.Duration,
            ["frames"] = frames,
            ["palette"] = new JsonArray([.. scene.Palette.Hex.Select(hex => (JsonNode)hex)]),
            ["style"] = StyleWords.Name(scene.Composition),
            ["finish"] = StyleWords.Name(scene.Finish),
            ["engine"] = EngineName,
        };
        if (input.ImageUrlGiven)
        {
            metadata["image_url"] = "ignored";
        }

        return new EngineResult([new EngineOutput(video, "video/mp4", OutputRoles.Video)], metadata);
    }
}
