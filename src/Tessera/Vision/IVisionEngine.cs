namespace Tessera.Vision;

/// <summary>
/// Something that names what an image shows: the local CenterNet worker, or an HTTP vision model. An engine reports
/// whether it can run here (<see cref="Availability"/>) before it is asked; a call that fails throws
/// <see cref="VisionException"/> with a stable code, and <see cref="VisionService"/> moves on to the next engine.
/// </summary>
public interface IVisionEngine
{
    /// <summary>The configured name (<c>local</c>, <c>openai</c>, <c>gemini</c>): the order key and the name reported with labels.</summary>
    string Name { get; }

    /// <summary>Cheap and synchronous: whether the engine is set up (a key, Node and the npm folder), and why not.</summary>
    VisionAvailability Availability { get; }

    /// <summary>Labels for <paramref name="image"/>, strongest first, with scores 0–1 (every score the engine gave; the service applies the threshold).</summary>
    Task<IReadOnlyList<VisionLabel>> LabelAsync(VisionImage image, CancellationToken cancellationToken);
}

/// <summary>A name for something in the image and how sure the engine is (0–1).</summary>
public sealed record VisionLabel(string Label, double Score);

/// <summary>Whether an engine can be used, and if not the reason an operator can act on.</summary>
public sealed record VisionAvailability(bool Available, string? Reason)
{
    public static readonly VisionAvailability Yes = new(true, null);

    public static VisionAvailability No(string reason) => new(false, reason);
}
