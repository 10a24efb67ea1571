using QRCoder;

namespace Tessera.Imaging;

/// <summary>QR codes as PNG (QRCoder), error correction M: the one place surfaces get them from.</summary>
public static class QrCodeWriter
{
    /// <summary>A PNG of <paramref name="text"/>'s QR code, encoded as given, <paramref name="pixelsPerModule"/> pixels per module.</summary>
    public static byte[] Png(string text, int pixelsPerModule)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary><see cref="Png"/> as a <c>data:image/png;base64,...</c> URL.</summary>
    public static string PngDataUrl(string text, int pixelsPerModule) =>
        "data:image/png;base64," + Convert.ToBase64String(Png(text, pixelsPerModule));
}
