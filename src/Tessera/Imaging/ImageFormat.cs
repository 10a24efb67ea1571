namespace Tessera.Imaging;

/// <summary>
/// The still-image formats Imaging tells apart by content. <see cref="ImageDecoder"/> accepts the first four from
/// clients; <see cref="ImageLoader"/> also reads the rest; <see cref="ImageEncoder"/> writes Png, Jpeg, WebP, Gif and Avif.
/// </summary>
public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    Gif,
    WebP,
    Avif,
    Heif,
    Bmp,
    Tiff,
}
