using System.Runtime.CompilerServices;

namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// One frame being drawn: its pixels (packed RGBA, row-major), a float scratch area of 8 rows, the palette, the seed
/// and the camera's mapping from pixels to world units (<see cref="Camera"/>).
/// </summary>
internal readonly ref struct RenderContext
{
    public RenderContext(Span<uint> pixels, Span<float> scratch, int width, int height, ProceduralScene scene, Camera camera)
    {
        Pixels = pixels;
        Scratch = scratch;
        Width = width;
        Height = height;
        Gradient = scene.Palette.Gradient;
        Stops = scene.Palette.PackedStops;
        Seed = (uint)scene.Seed;
        Scale = camera.Zoom / height;
        OffsetX = camera.OffsetX;
        OffsetY = camera.OffsetY;
        Time = camera.Time;
    }

    public Span<uint> Pixels { get; }

    public Span<float> Scratch { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>256 packed colours from the palette's darkest stop to its lightest.</summary>
    public uint[] Gradient { get; }

    public uint[] Stops { get; }

    public uint Seed { get; }

    /// <summary>World units per pixel.</summary>
    public float Scale { get; }

    public float OffsetX { get; }

    public float OffsetY { get; }

    public float Time { get; }

    /// <summary>The world width of the picture at zoom 1 (its aspect ratio): where compositions place things.</summary>
    public float WorldWidth => Width / (float)Height;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float U(int x) => OffsetX + ((x + 0.5f) * Scale);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float V(int y) => OffsetY + ((y + 0.5f) * Scale);

    /// <summary>The first pixel column at or after world u (clamped to the frame).</summary>
    public int ColumnAt(float u) => Math.Clamp((int)MathF.Floor(((u - OffsetX) / Scale) - 0.5f), 0, Width);

    public int RowAt(float v) => Math.Clamp((int)MathF.Floor(((v - OffsetY) / Scale) - 0.5f), 0, Height);

    public Span<uint> Row(int y) => Pixels.Slice(y * Width, Width);

    /// <summary>The gradient colour at <paramref name="t"/> in [0, 1] (clamped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Shade(float t) => Gradient[Math.Clamp((int)(t * 255), 0, 255)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Shade(int index) => Gradient[Math.Clamp(index, 0, 255)];
}
