using NetVips;

namespace Tessera.Editing;

/// <summary>
/// The filters on the base image (layers are drawn after them, unfiltered, as a watermark or caption should be).
/// Brightness scales the channels (−100 black, +100 twice as bright); contrast stretches them about mid-grey;
/// saturation mixes each pixel with its luma (Rec. 601 weights; −100 grey, +100 twice as saturated); greyscale is
/// saturation −100, so the three channels come out equal. Blur is a Gaussian of that sigma, sharpen libvips' unsharp
/// mask of that strength; both in edited-image pixels, scaled with a preview. The alpha band is left as it is.
/// </summary>
internal static class BaseFilters
{
    private static readonly double[] Luma = [0.299, 0.587, 0.114];

    public static Image Apply(Image image, EditFilters filters, double scale)
    {
        if (filters == EditFilters.None)
        {
            return image.Copy();
        }

        var hasAlpha = image.HasAlpha();
        using var colour = hasAlpha ? image.ExtractBand(0, n: 3) : image.Copy();
        var current = colour.Copy();
        try
        {
            if (filters.Brightness != 0 || filters.Contrast != 0)
            {
                var (b, c) = (1 + (filters.Brightness / 100.0), 1 + (filters.Contrast / 100.0));
                Replace(ref current, current.Linear([b * c], [128 * (1 - c)]));
            }

            var saturation = filters.Greyscale ? 0.0 : 1 + (filters.Saturation / 100.0);
            if (saturation != 1)
            {
                var matrix = new double[3, 3];
                for (var row = 0; row < 3; row++)
                {
                    for (var column = 0; column < 3; column++)
                    {
                        matrix[row, column] = ((1 - saturation) * Luma[column]) + (row == column ? saturation : 0);
                    }
                }

                using var m = Image.NewFromArray(matrix);
                Replace(ref current, current.Recomb(m));
            }

            if (filters.Blur * scale >= 0.2)
            {
                Replace(ref current, current.Gaussblur(filters.Blur * scale));
            }

            if (filters.Sharpen > 0)
            {
                using var eight = current.Cast(Enums.BandFormat.Uchar);
                using var srgb = eight.Copy(interpretation: Enums.Interpretation.Srgb);
                Replace(ref current, srgb.Sharpen(sigma: Math.Max(0.5, scale), m2: filters.Sharpen * 2));
            }

            using var bytes = current.Cast(Enums.BandFormat.Uchar);
            using var alpha = hasAlpha ? image.ExtractBand(3) : null;
            using var joined = alpha is null ? bytes.Copy(interpretation: Enums.Interpretation.Srgb) : bytes.Bandjoin(alpha);
            return joined.Copy(interpretation: Enums.Interpretation.Srgb);
        }
        finally
        {
            current.Dispose();
        }
    }

    private static void Replace(ref Image current, Image next)
    {
        current.Dispose();
        current = next;
    }
}
