using System.Buffers;
using System.Runtime.InteropServices;
using Tessera.Engines.Local.Procedural.Compositions;

namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Draws a <see cref="ProceduralScene"/> into an RGBA buffer: the composition, then the finish. Allocation-free per
/// pixel: the pixels are the caller's buffer viewed as packed uints (little-endian: R is the low byte), and the scratch
/// rows come from the shared pool. Same scene, camera and size → the same bytes.
/// </summary>
internal static class ProceduralRenderer
{
    /// <summary>Scratch floats per column: landscape ridges use 4 rows, waves 2, noise 1.</summary>
    private const int ScratchRows = 8;

    public static void Render(ProceduralScene scene, Camera camera, Span<byte> rgba, int width, int height)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The procedural renderer packs pixels for little-endian machines.");
        }

        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(width * height * 4)]);
        var scratch = ArrayPool<float>.Shared.Rent(width * ScratchRows);
        try
        {
            var context = new RenderContext(pixels, scratch, width, height, scene, camera);
            switch (scene.Composition)
            {
                case Composition.Minimal: MinimalComposition.Render(context); break;
                case Composition.Landscape: LandscapeComposition.Render(context); break;
                case Composition.Clouds: CloudsComposition.Render(context); break;
                case Composition.Mosaic: MosaicComposition.Render(context); break;
                case Composition.Circles: CirclesComposition.Render(context); break;
                case Composition.Stripes: StripesComposition.Render(context); break;
                case Composition.Geometric: GeometricComposition.Render(context); break;
                case Composition.Waves: WavesComposition.Render(context); break;
                case Composition.NeonGrid: NeonGridComposition.Render(context); break;
                default: throw new ArgumentOutOfRangeException(nameof(scene), scene.Composition, "Unknown composition.");
            }

            switch (scene.Finish)
            {
                case Finish.PixelArt: PixelArtFinish.Apply(context); break;
                case Finish.Watercolor: WatercolorFinish.Apply(context); break;
                default: break;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
