using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Engines.Local.Conditioning;
using Tessera.Engines.Local.Procedural;

namespace Tessera.Engines.Local.Video;

/// <summary>
/// <c>procedural-video</c>: the procedural image engine's scene, filmed by a camera that slowly pans and zooms in while
/// the scene's own time runs (clouds drift, waves roll, the neon grid scrolls), encoded to MP4 (H.264) by ffmpeg.
/// Deterministic for a prompt and seed (on one machine: same ffmpeg build, same bytes). With <c>image_url</c> it is
/// image-to-video: the input picture itself is filmed (a slow zoom in with a drift towards one side), re-rendered in
/// its own palette with the prompt's scene moving through it (<see cref="InputRestyler"/>).
/// </summary>
public sealed class ProceduralVideoEngine(IOptions<LocalEnginesOptions> options, IInputImageSource images, ILogger<ProceduralVideoEngine> logger) : IGenerationEngine
{
    public const string EngineName = "procedural-video";

    public const string ModelDescription =
        "Procedural video generator built into Tessera. It is not a neural model: it films the procedural image "
        + "generator's scene (colours and style from the prompt's words) with a slow pan and zoom while clouds drift and "
        + "waves roll, and encodes an MP4 (H.264) with ffmpeg. Priced per second of duration. The same prompt and seed "
        + "always give the same video. Runs offline. With image_url the input picture is animated: a slow zoom and drift "
        + "across it, in its own palette, with the prompt's scene moving through it.";

    /// <summary>Image-to-video keeps more of the input than image-to-image (0.75): the motion is the camera's, and the
    /// scene's drifting texture only needs to be visible, not to restyle the picture.</summary>
    private const float AnimatedImageWeight = 0.85f;

    /// <summary>How far the camera zooms in over the clip (the last frame shows 85% of the first's width).</summary>
    private const float FinalZoom = 0.85f;

    public string Name => EngineName;

    public string? UnavailableReason => Executables.Exists(options.Value.FfmpegPath)
        ? null
        : $"the video encoder ffmpeg ('{options.Value.FfmpegPath}') is not installed on this server";

    public async Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = ProceduralVideoInput.Parse(request.Input);
        var picture = input.ImageUrl is { } url
            ? new InputPicture(await images.LoadAsync(url, InputPicture.WorkingSide, cancellationToken))
            : null;
        return await Task.Run(() => RenderAsync(request.JobId, input, picture, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Frame <paramref name="index"/> of <paramref name="frames"/> into <paramref name="buffer"/>. Without a picture the
    /// camera zooms about the frame's centre while panning sideways over the scene; with one it zooms into the picture
    /// and drifts towards the side the seed picks, never past its edges.
    /// </summary>
    internal static void RenderFrame(ProceduralScene scene, InputPicture? picture, int index, int frames, int fps, int width, int height, Span<byte> buffer)
    {
        var progress = frames == 1 ? 0 : index / (float)(frames - 1);
        var zoom = 1 - ((1 - FinalZoom) * progress);
        var worldWidth = width / (float)height;
        var towardsLeft = new SeededRandom(scene.Seed).NextFloat() < 0.5f;
        if (picture is null)
        {
            var pan = (towardsLeft ? -0.2f : 0.2f) * worldWidth;
            var camera = new Camera((pan * progress) + ((1 - zoom) * worldWidth / 2), (1 - zoom) / 2, zoom, index / (float)fps);
            ProceduralRenderer.Render(scene, camera, buffer, width, height);
            return;
        }

        // The slack (1 - zoom) is how far the view can move and stay inside the picture.
        var slack = 1 - zoom;
        var viewX = towardsLeft ? 0 : slack;
        var still = new Camera(0, 0, 1, index / (float)fps);
        InputRestyler.Render(picture, scene, still, buffer, width, height, viewX, slack / 2, zoom, AnimatedImageWeight);
    }

    private async Task<EngineResult> RenderAsync(string jobId, ProceduralVideoInput input, InputPicture? picture, CancellationToken cancellationToken)
    {
        var scene = ProceduralScene.FromPrompt(input.Prompt, input.Seed);
        if (picture is not null)
        {
            scene = scene with { Palette = picture.Palette };
        }

        var frames = input.FrameCount;
        var encoder = new FfmpegEncoder(options.Value.FfmpegPath, logger);
        var video = await encoder.EncodeAsync(jobId, input.Width, input.Height, input.Fps, frames, (i, buffer) =>
            RenderFrame(scene, picture, i, frames, input.Fps, input.Width, input.Height, buffer), cancellationToken);

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
        if (picture is not null)
        {
            metadata["image_url"] = "used";
            metadata["input_size"] = $"{picture.Width}x{picture.Height}";
        }

        return new EngineResult([new EngineOutput(video, "video/mp4", OutputRoles.Video)], metadata);
    }
}
