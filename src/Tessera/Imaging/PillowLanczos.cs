namespace Tessera.Imaging;

/// <summary>
/// Pillow's <c>Image.resize(size, Image.LANCZOS)</c> for 8-bit greyscale ("L") images, integer for integer: the same
/// coefficients (a 3-lobe Lanczos stretched by the scale, normalised per output pixel, then fixed point with 22
/// fractional bits) and the same two passes (horizontal, then vertical, each rounded and clipped to a byte). This is
/// what makes <see cref="PerceptualHash"/> give the bits python's <c>imagehash.phash</c> gives (Pillow's
/// <c>libImaging/Resample.c</c>); libvips' own Lanczos differs by a grey level here and there.
/// </summary>
internal static class PillowLanczos
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 3.0;

    public static byte[] Resize(ReadOnlySpan<byte> grey, int width, int height, int outWidth, int outHeight)
    {
        var (horizontalBounds, horizontalKernel, horizontalSize) = Coefficients(width, outWidth);
        var (verticalBounds, verticalKernel, verticalSize) = Coefficients(height, outHeight);
        var needHorizontal = outWidth != width;
        var needVertical = outHeight != height;

        // Only the rows the vertical pass reads are resampled horizontally (Pillow's ybox_first .. ybox_last).
        var firstRow = verticalBounds[0];
        var lastRow = verticalBounds[(outHeight * 2) - 2] + verticalBounds[(outHeight * 2) - 1];
        byte[] current;
        int currentWidth, rows;
        if (needHorizontal)
        {
            rows = lastRow - firstRow;
            current = new byte[outWidth * rows];
            for (var y = 0; y < rows; y++)
            {
                var source = grey.Slice((y + firstRow) * width, width);
                for (var x = 0; x < outWidth; x++)
                {
                    var min = horizontalBounds[x * 2];
                    var count = horizontalBounds[(x * 2) + 1];
                    var k = horizontalKernel.AsSpan(x * horizontalSize, count);
                    var sum = 1 << (PrecisionBits - 1);
                    for (var i = 0; i < count; i++)
                    {
                        sum += source[min + i] * k[i];
                    }

                    current[(y * outWidth) + x] = Clip(sum);
                }
            }

            currentWidth = outWidth;
            for (var i = 0; i < outHeight; i++)
            {
                verticalBounds[i * 2] -= firstRow;
            }
        }
        else
        {
            current = grey.ToArray();
            currentWidth = width;
            rows = height;
        }

        if (!needVertical)
        {
            return current;
        }

        var result = new byte[currentWidth * outHeight];
        for (var y = 0; y < outHeight; y++)
        {
            var min = verticalBounds[y * 2];
            var count = verticalBounds[(y * 2) + 1];
            var k = verticalKernel.AsSpan(y * verticalSize, count);
            for (var x = 0; x < currentWidth; x++)
            {
                var sum = 1 << (PrecisionBits - 1);
                for (var i = 0; i < count; i++)
                {
                    sum += current[((min + i) * currentWidth) + x] * k[i];
                }

                result[(y * currentWidth) + x] = Clip(sum);
            }
        }

        return result;
    }

    private static byte Clip(int sum) => sum >= (1 << PrecisionBits << 8) ? (byte)255 : sum <= 0 ? (byte)0 : (byte)(sum >> PrecisionBits);

    /// <summary>Pillow's <c>precompute_coeffs</c> and <c>normalize_coeffs_8bpc</c> for the box (0, inSize).</summary>
    private static (int[] Bounds, int[] Kernel, int Size) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var size = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new int[outSize * 2];
        var kernel = new int[outSize * size];
        var weights = new double[size];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterScale;
            var min = Math.Max(0, (int)(center - support + 0.5));
            var max = Math.Min(inSize, (int)(center + support + 0.5)) - min;
            var total = 0.0;
            for (var x = 0; x < max; x++)
            {
                var w = Filter((x + min - center + 0.5) * ss);
                weights[x] = w;
                total += w;
            }

            for (var x = 0; x < max; x++)
            {
                var w = total != 0.0 ? weights[x] / total : weights[x];
                kernel[(xx * size) + x] = w < 0 ? (int)(-0.5 + (w * (1 << PrecisionBits))) : (int)(0.5 + (w * (1 << PrecisionBits)));
            }

            bounds[xx * 2] = min;
            bounds[(xx * 2) + 1] = max;
        }

        return (bounds, kernel, size);
    }

    private static double Filter(double x) => x is >= -3.0 and < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0;

    private static double Sinc(double x)
    {
        if (x == 0.0)
        {
            return 1.0;
        }

        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
