namespace Tessera.Imaging;

/// <summary>Reads the text in an image. Slow (seconds): run it out of the request path.</summary>
public interface IOcrEngine
{
    /// <summary>False when the engine cannot run here (its program is missing); <see cref="ReadTextAsync"/> then returns null.</summary>
    bool Available { get; }

    /// <summary>
    /// The text found in <paramref name="image"/> (encoded bytes, untrusted), trimmed, "" when there is none; null when
    /// it could not be read (unavailable, not an image, over the time bound, the engine failed).
    /// </summary>
    Task<string?> ReadTextAsync(byte[] image, CancellationToken cancellationToken);
}
