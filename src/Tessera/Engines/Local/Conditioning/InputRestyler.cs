using System.Runtime.InteropServices;
using Tessera.Engines.Local.Procedural;

namespace Tessera.Engines.Local.Conditioning;

/// <summary>
/// Image-to-image for the built-in engines: the input's composition, quantised to its own palette and re-rendered in
/// the prompt's style. Each pixel is the input (cover-fitted) snapped to the nearest of its palette's colours, softened
/// towards the input's own colour, then mixed with the procedural scene painted in that same palette, so the style's
/// texture shows through while shapes and colours stay the input's. ~25 ms for 1024² on one core.
/// </summary>
internal static class InputRestyler
{
    /// <summary>How much of each output pixel comes from the input (the rest is the procedural texture): 0.75 keeps
    /// the input recognisable at thumbnail size (tests compare 8×8 averages) while the style is plainly visible.</summary>
    public const float ImageWeight = 0.75f;

    /// <summary>Within the input's share: how far the palette-snapped colour is pulled back to the input's own.</summary>
    private const float Detail = 0.4f;

    /// <summary>
    /// Renders into <paramref name="rgba"/>: the view is the part of the input shown, in 0..1 units of the cover-fitted
    /// input (<paramref name="viewX"/>, <paramref name="viewY"/> its top-left, <paramref name="viewSpan"/> its width and
    /// height; 0, 0, 1 is all of it).
    /// </summary>
    public static void Render(
        InputPicture input, ProceduralScene scene, Camera camera, Span<byte> rgba, int width, int height,
        float viewX = 0, float viewY = 0, float viewSpan = 1, float imageWeight = ImageWeight)
    {
        ProceduralRenderer.Render(scene, camera, rgba, width, height);
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(width * height * 4)]);
        var stops = input.Palette.PackedStops;
        var aspect = width / (float)height;
        for (var y = 0; y < height; y++)
        {
            var v = viewY + ((y + 0.5f) / height * viewSpan);
            var row = pixels.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var u = viewX + ((x + 0.5f) / width * viewSpan);
                var colour = input.SampleCover(u, v, aspect);
                var snapped = Pixel.Mix(Pixel.Nearest(colour, stops), colour, Detail);
                row[x] = Pixel.Mix(row[x], snapped, imageWeight);
            }
        }
    }
}
