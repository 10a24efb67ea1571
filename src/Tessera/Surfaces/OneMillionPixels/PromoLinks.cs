using Tessera.Http;
using Tessera.Imaging;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// An agent's promo link, <c>{base}{path base}/p/{public key}</c>, and its QR code. The base is
/// <c>Tessera:PublicBaseUrl</c> when set (DECISIONS: behind a proxy), else the request's scheme and host.
/// </summary>
public sealed class PromoLinks(IConfiguration configuration, SurfaceRegistry surfaces)
{
    public string For(HttpRequest request, string publicKey)
    {
        return $"{PublicBaseUrl.Of(request, configuration)}{surfaces.Get(OneMillionPixelsSurface.Name).PathBase}/p/{Uri.EscapeDataString(publicKey)}";
    }

    /// <summary>A PNG data URL of the link's QR code (error correction M, 8 pixels per module: about 300×300).</summary>
    public static string QrCode(string link) => QrCodeWriter.PngDataUrl(link, 8);
}
