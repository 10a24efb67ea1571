using Tessera.Imaging;

namespace Tessera.Engines.Local.Conditioning;

/// <summary>
/// Where the built-in engines get a job's <c>image_url</c> from. The server's source fetches it through the SSRF-safe
/// outbound client (<see cref="OutboundInputImages"/>); tests hand in pictures directly.
/// </summary>
public interface IInputImageSource
{
    /// <summary>
    /// The image at <paramref name="url"/>, decoded and scaled down (keeping its aspect ratio) to at most
    /// <paramref name="maxSide"/> pixels on its long side. Failures throw <see cref="EngineException"/>: an address the
    /// outbound policy refuses or a file that is not a decodable image is <c>validation_error</c> (not retried), a
    /// timeout or an unreachable host is <c>input_unreachable</c> (transient, retried).
    /// </summary>
    Task<RgbaImage> LoadAsync(string url, int maxSide, CancellationToken cancellationToken);
}
