namespace Tessera.Imaging;

/// <summary>A decoded image: <see cref="Width"/>×<see cref="Height"/>×4 bytes of straight sRGB RGBA, row-major.</summary>
public sealed record RgbaImage(int Width, int Height, byte[] Pixels);
