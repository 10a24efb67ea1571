namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>Five octaves of value noise, contrast-stretched into the palette; over time each octave drifts at its own speed.</summary>
internal static class CloudsComposition
{
    private const float Frequency = 3f;

    public static void Render(in RenderContext c)
    {
        var noise = c.Scratch[..c.Width];
        var field = new CoarseFractal(c, c.Scratch[c.Width..], Frequency, 5, c.Seed, c.Time * 0.15f);
        for (var y = 0; y < c.Height; y++)
        {
            field.Row(y, noise);
            var row = c.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                row[x] = c.Shade(((noise[x] - 0.5f) * 1.9f) + 0.5f);
            }
        }
    }
}
