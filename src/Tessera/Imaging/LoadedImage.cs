using NetVips;

namespace Tessera.Imaging;

/// <summary>
/// An untrusted image that passed <see cref="ImageLoader"/>'s checks: the libvips image (its first frame), its size,
/// the format its content declared, whether it has an alpha band and how many frames (pages) the file holds.
/// Dispose it to release libvips' memory.
/// </summary>
public sealed class LoadedImage(Image image, ImageFormat format, int frames) : IDisposable
{
    public Image Image { get; } = image;

    public int Width => Image.Width;

    public int Height => Image.Height;

    public ImageFormat Format { get; } = format;

    public bool HasAlpha => Image.HasAlpha();

    public int Frames { get; } = frames;

    public void Dispose() => Image.Dispose();
}
