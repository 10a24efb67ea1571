using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Vision;

/// <summary>What an image shows: the labels kept (at least <see cref="VisionOptions.MinScore"/>, strongest first) and the engine that named them.</summary>
public sealed record VisionResult(IReadOnlyList<VisionLabel> Labels, string Engine)
{
    /// <summary>The label names alone, strongest first.</summary>
    public IReadOnlyList<string> Names => [.. Labels.Select(label => label.Label)];
}

/// <summary>
/// The Vision module's door (docs/vision.md): <see cref="LabelAsync"/> gives an image's labels from the first
/// configured engine that can run; an engine that fails hands over to the next, and the last failure is the answer.
/// Callers: the media analysis (<c>auto_tag</c>), the scraper (<c>ai_labeling</c>), the pipelines' <c>analyze</c>
/// action and tag checks. Expected failures are values: <c>invalid_image</c> (400), <c>vision_unavailable</c> (503),
/// <c>vision_busy</c> (503, try again), <c>vision_timeout</c> (504), <c>vision_bad_answer</c> / <c>vision_error</c> (502).
/// </summary>
public sealed class VisionService(VisionRegistry registry, IOptions<VisionOptions> options, ILogger<VisionService> logger)
{
    public const string InvalidImageCode = "invalid_image";

    /// <summary>True when some configured engine can run (cheap: no process is started).</summary>
    public bool Available => registry.FirstAvailable is not null;

    /// <summary>Why no engine can run (each engine's reason), or null when one can.</summary>
    public string? UnavailableReason => Available ? null : registry.WhyNone;

    public async Task<Result<VisionResult>> LabelAsync(byte[] image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var settings = options.Value;
        if (image.LongLength > settings.MaxImageBytes)
        {
            return new Error(InvalidImageCode, $"The image is larger than {settings.MaxImageBytes} bytes (Tessera:Vision:MaxImageBytes).", 400);
        }

        var input = new VisionImage(image, new ImagingOptions { MaxBytes = settings.MaxImageBytes, MaxPixels = settings.MaxPixels });
        VisionException? last = null;
        foreach (var engine in registry.Ordered)
        {
            if (engine.Availability is { Available: false, Reason: var reason })
            {
                Log.EngineSkipped(logger, engine.Name, reason ?? "unavailable");
                continue;
            }

            try
            {
                var labels = await engine.LabelAsync(input, cancellationToken);
                return new VisionResult(Keep(labels, settings), engine.Name);
            }
            catch (VisionException e) when (e.Code == InvalidImageCode)
            {
                return new Error(InvalidImageCode, e.Message, 400); // the next engine would read the same bytes
            }
            catch (VisionException e)
            {
                Log.EngineFailed(logger, engine.Name, e.Code, e.Message);
                last = e;
            }
        }

        return last is null
            ? new Error(VisionException.UnavailableCode, "No vision engine can run here: " + registry.WhyNone, 503)
            : new Error(last.Code, last.Message, StatusOf(last.Code));
    }

    /// <summary>Scores at least the threshold, one entry per name (its best score), strongest first, at most <see cref="VisionOptions.MaxLabels"/>.</summary>
    private static List<VisionLabel> Keep(IEnumerable<VisionLabel> labels, VisionOptions settings) =>
        [.. labels.Where(label => label.Score >= settings.MinScore)
            .GroupBy(label => label.Label, StringComparer.OrdinalIgnoreCase)
            .Select(group => group.MaxBy(label => label.Score)!)
            .OrderByDescending(label => label.Score)
            .Take(settings.MaxLabels)];

    private static int StatusOf(string code) => code switch
    {
        VisionException.UnavailableCode or VisionException.BusyCode => 503,
        VisionException.TimeoutCode => 504,
        _ => 502,
    };
}
