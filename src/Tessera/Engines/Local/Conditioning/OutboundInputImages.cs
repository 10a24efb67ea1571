using Microsoft.Extensions.Options;
using Tessera.Imaging;
using Tessera.Outbound;

namespace Tessera.Engines.Local.Conditioning;

/// <summary>
/// Fetches <c>image_url</c> with <see cref="OutboundHttp"/> (checked addresses and redirects, the outbound timeout) and
/// decodes it under the Imaging limits: the download is cut at <see cref="ImagingOptions.MaxBytes"/> (5 MB by
/// default), and a header declaring more than <see cref="ImagingOptions.MaxPixels"/> is refused before any pixel is
/// decoded (docs/engines-local.md, "Image input").
/// </summary>
internal sealed class OutboundInputImages(OutboundHttp outbound, IOptions<ImagingOptions> imaging) : IInputImageSource
{
    public async Task<RgbaImage> LoadAsync(string url, int maxSide, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw EngineInput.Invalid("image_url must be an absolute http(s) URL.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("image/png, image/jpeg, image/webp, image/gif");
        var limits = imaging.Value;
        var fetched = await outbound.SendAsync(request, new OutboundLimits { MaxResponseBytes = limits.MaxBytes }, cancellationToken);
        if (!fetched.IsSuccess)
        {
            var error = fetched.Error;
            var transient = error.Code is OutboundErrors.TimeoutCode or OutboundErrors.UnreachableCode;
            throw transient
                ? new EngineException("input_unreachable", $"image_url could not be fetched: {error.Message}", transient: true)
                : EngineInput.Invalid($"image_url was refused: {error.Message}");
        }

        var response = fetched.Value;
        if (!response.IsSuccess)
        {
            // A 5xx may pass; a 404 or 403 will answer the same next time.
            throw new EngineException(
                response.StatusCode >= 500 ? "input_unreachable" : "validation_error",
                $"image_url answered HTTP {response.StatusCode}.",
                transient: response.StatusCode >= 500);
        }

        var decoded = ImageDecoder.DecodeWithin(response.Body, maxSide, limits);
        return decoded.IsSuccess ? decoded.Value : throw EngineInput.Invalid($"image_url is not a usable image: {decoded.Error.Message}");
    }
}
