namespace Tessera.Engines.Local.Sprites;

/// <summary>
/// Draws a sprite onto a transparent RGBA canvas in a <see cref="SpritePose"/>. Each canvas pixel of the posed sprite's
/// bounding box is mapped back into the sprite (inverse wave, rotation, scale, mirror) and takes the nearest sprite
/// pixel: nearest neighbour keeps pixel art crisp, and a 64×64 sprite costs ~4K samples per frame. With
/// <c>binaryAlpha</c> (for GIF) every pixel comes out fully opaque or fully transparent.
/// </summary>
internal static class SpriteDrawer
{
    /// <summary>The 4×4 Bayer matrix scaled to alpha thresholds 8..248.</summary>
    private static ReadOnlySpan<byte> Bayer4 => [8, 136, 40, 168, 200, 72, 232, 104, 56, 184, 24, 152, 248, 120, 216, 88];

    public static void Draw(ReadOnlySpan<byte> sprite, int spriteWidth, int spriteHeight, Span<byte> canvas, int canvasWidth, int canvasHeight,
        in SpritePose pose, bool anchorAtBottom, bool mirror, bool binaryAlpha)
    {
        var anchorX = spriteWidth / 2f;
        var anchorY = anchorAtBottom ? spriteHeight : spriteHeight / 2f;
        var (sin, cos) = MathF.SinCos(pose.Angle);
        var waveFrequency = MathF.PI * 2.4f / spriteHeight;
        var alpha = (int)MathF.Round(Math.Clamp(pose.Alpha, 0, 1) * 256);

        // The bounding box of the posed sprite: its four corners scaled and rotated around the anchor, widened by the wave.
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var (cornerX, cornerY) in (ReadOnlySpan<(float, float)>)[(-anchorX, -anchorY), (spriteWidth - anchorX, -anchorY), (-anchorX, spriteHeight - anchorY), (spriteWidth - anchorX, spriteHeight - anchorY)])
        {
            var sx = cornerX * pose.ScaleX;
            var sy = cornerY * pose.ScaleY;
            var x = (sx * cos) - (sy * sin);
            var y = (sx * sin) + (sy * cos);
            (minX, maxX, minY, maxY) = (MathF.Min(minX, x), MathF.Max(maxX, x), MathF.Min(minY, y), MathF.Max(maxY, y));
        }

        var margin = MathF.Abs(pose.WaveAmplitude) + 1;
        var x0 = Math.Max(0, (int)MathF.Floor(pose.X + minX - margin));
        var x1 = Math.Min(canvasWidth, (int)MathF.Ceiling(pose.X + maxX + margin));
        var y0 = Math.Max(0, (int)MathF.Floor(pose.Y + minY - 1));
        var y1 = Math.Min(canvasHeight, (int)MathF.Ceiling(pose.Y + maxY + 1));
        var postedHeight = spriteHeight * pose.ScaleY;
        for (var y = y0; y < y1; y++)
        {
            var qy = y + 0.5f - pose.Y;
            var shift = 0f;
            if (pose.WaveAmplitude != 0)
            {
                // The bend grows from nothing at the feet to the full amplitude at the top of the sprite.
                var fromBottom = Math.Clamp(-qy / postedHeight, 0, 1);
                shift = pose.WaveAmplitude * fromBottom * MathF.Sin((waveFrequency * qy) + pose.WavePhase);
            }

            var target = canvas.Slice(y * canvasWidth * 4, canvasWidth * 4);
            for (var x = x0; x < x1; x++)
            {
                var qx = x + 0.5f - pose.X - shift;
                var rx = ((qx * cos) + (qy * sin)) / pose.ScaleX;
                var ry = ((qy * cos) - (qx * sin)) / pose.ScaleY;
                if (mirror)
                {
                    rx = -rx;
                }

                var px = (int)MathF.Floor(rx + anchorX);
                var py = (int)MathF.Floor(ry + anchorY);
                if ((uint)px >= (uint)spriteWidth || (uint)py >= (uint)spriteHeight)
                {
                    continue;
                }

                var source = ((py * spriteWidth) + px) * 4;
                var a = (sprite[source + 3] * alpha) >> 8;
                if (a == 0)
                {
                    continue;
                }

                if (binaryAlpha)
                {
                    // GIF keeps a pixel or drops it: an ordered (Bayer) dither turns partial alpha into a pattern whose
                    // density is the alpha, so a fade still fades instead of vanishing at 50%.
                    if (a <= Bayer4[((y & 3) << 2) | (x & 3)])
                    {
                        continue;
                    }

                    a = 255;
                }

                var pixel = target.Slice(x * 4, 4);
                pixel[0] = sprite[source];
                pixel[1] = sprite[source + 1];
                pixel[2] = sprite[source + 2];
                pixel[3] = (byte)a;
            }
        }
    }
}
