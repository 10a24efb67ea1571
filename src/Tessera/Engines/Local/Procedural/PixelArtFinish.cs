namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Turns a picture into pixel art: blocks of 1/64 of the long side (16 px at 1024), each filled with the palette stop
/// nearest to the colour at the block's centre. Reads one pixel per block, so it costs one pass of writes.
/// </summary>
internal static class PixelArtFinish
{
    public const int BlocksOnLongSide = 64;

    public static void Apply(in RenderContext c)
    {
        var block = Math.Max(2, Math.Max(c.Width, c.Height) / BlocksOnLongSide);
        for (var by = 0; by < c.Height; by += block)
        {
            var rows = Math.Min(block, c.Height - by);
            for (var bx = 0; bx < c.Width; bx += block)
            {
                var columns = Math.Min(block, c.Width - bx);
                var colour = Nearest(c.Stops, c.Pixels[((by + (rows / 2)) * c.Width) + bx + (columns / 2)]);
                for (var y = by; y < by + rows; y++)
                {
                    c.Pixels.Slice((y * c.Width) + bx, columns).Fill(colour);
                }
            }
        }
    }

    private static uint Nearest(uint[] stops, uint colour)
    {
        var best = stops[0];
        var bestDistance = int.MaxValue;
        foreach (var stop in stops)
        {
            var dr = (int)(stop & 0xFF) - (int)(colour & 0xFF);
            var dg = (int)((stop >> 8) & 0xFF) - (int)((colour >> 8) & 0xFF);
            var db = (int)((stop >> 16) & 0xFF) - (int)((colour >> 16) & 0xFF);
            var distance = (dr * dr) + (dg * dg) + (db * db);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = stop;
            }
        }

        return best;
    }
}
