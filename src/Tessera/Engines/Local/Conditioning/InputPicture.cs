using System.Runtime.CompilerServices;
using Tessera.Engines.Local.Procedural;
using Tessera.Imaging;

namespace Tessera.Engines.Local.Conditioning;

/// <summary>
/// A job's input image prepared for the built-in engines: its palette (the dominant colours, dark to light) and a
/// sampler that fills any output frame from it the way CSS <c>object-fit: cover</c> does (scaled to cover, centred,
/// the overhang cropped), so an image-to-image output keeps the input's composition at any aspect ratio.
/// </summary>
internal sealed class InputPicture
{
    /// <summary>Long side the engines decode the input to: 512 px keeps a 1024² output's detail at 2× upscale and costs
    /// ~1 MB of RGBA, whatever the input's size (decoding a 40-megapixel photo is bounded by the Imaging limits).</summary>
    public const int WorkingSide = 512;

    /// <summary>Palette stops: enough for a photo's main colours, few enough to read as a poster (quantised) look.</summary>
    public const int PaletteSize = 6;

    private readonly uint[] _pixels;

    public InputPicture(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Width = image.Width;
        Height = image.Height;
        _pixels = new uint[Width * Height];
        var background = 0xFF000000u;
        for (var i = 0; i < _pixels.Length; i++)
        {
            // Alpha is composited over black here: the engines' outputs are opaque.
            var a = image.Pixels[(i * 4) + 3];
            var r = image.Pixels[i * 4] * a / 255;
            var g = image.Pixels[(i * 4) + 1] * a / 255;
            var b = image.Pixels[(i * 4) + 2] * a / 255;
            _pixels[i] = background | (uint)r | ((uint)g << 8) | ((uint)b << 16);
        }

        Palette = DominantColours.Palette(_pixels, PaletteSize);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The input's dominant colours ordered dark to light, in the form the procedural compositions paint with.</summary>
    public Palette Palette { get; }

    /// <summary>
    /// The packed colour at (<paramref name="u"/>, <paramref name="v"/>) of a frame <paramref name="frameAspect"/> wide
    /// per unit of height (u, v in 0..1 across the frame), bilinear.
    /// </summary>
    public uint SampleCover(float u, float v, float frameAspect)
    {
        var aspect = Width / (float)Height;
        float x, y;
        if (aspect > frameAspect)
        {
            // The input is wider than the frame: its full height shows, the sides are cropped.
            var visible = frameAspect / aspect;
            x = (0.5f - (visible / 2) + (u * visible)) * Width;
            y = v * Height;
        }
        else
        {
            var visible = aspect / frameAspect;
            x = u * Width;
            y = (0.5f - (visible / 2) + (v * visible)) * Height;
        }

        return Bilinear(x - 0.5f, y - 0.5f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Bilinear(float x, float y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        var top = Pixel.Mix(_pixels[(y0 * Width) + x0], _pixels[(y0 * Width) + x1], fx);
        var bottom = Pixel.Mix(_pixels[(y1 * Width) + x0], _pixels[(y1 * Width) + x1], fx);
        return Pixel.Mix(top, bottom, fy);
    }
}
