using Tessera.Common;

namespace Tessera.Editing;

/// <summary>
/// Where crop and resize leave the base image: the rectangle of the source that is shown (in source pixels; a
/// <see cref="ResizeFit.Cover"/> resize narrows the crop to the centre) and the edited image's size, the space every
/// layer coordinate is in.
/// </summary>
public readonly record struct EditGeometry(double CropX, double CropY, double CropWidth, double CropHeight, int Width, int Height)
{
    public static Result<EditGeometry> Of(int sourceWidth, int sourceHeight, CropBox? crop, ResizeBox? resize, EditingOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        double x = 0, y = 0, width = sourceWidth, height = sourceHeight;
        if (crop is not null)
        {
            if ((long)crop.X + crop.Width > sourceWidth || (long)crop.Y + crop.Height > sourceHeight)
            {
                return Error.Validation($"'crop' must lie within the base image ({sourceWidth}x{sourceHeight}).");
            }

            (x, y, width, height) = (crop.X, crop.Y, crop.Width, crop.Height);
        }

        var (outWidth, outHeight) = ((double)width, (double)height);
        if (resize is { } box)
        {
            switch (box.Fit)
            {
                case ResizeFit.Fill:
                    (outWidth, outHeight) = (box.Width!.Value, box.Height!.Value);
                    break;
                case ResizeFit.Cover:
                    var cover = Math.Max(box.Width!.Value / width, box.Height!.Value / height);
                    var (shownWidth, shownHeight) = (box.Width.Value / cover, box.Height.Value / cover);
                    (x, y) = (x + ((width - shownWidth) / 2), y + ((height - shownHeight) / 2));
                    (width, height) = (shownWidth, shownHeight);
                    (outWidth, outHeight) = (box.Width.Value, box.Height.Value);
                    break;
                default:
                    var contain = Math.Min(box.Width is { } w ? w / width : double.MaxValue, box.Height is { } h ? h / height : double.MaxValue);
                    (outWidth, outHeight) = (width * contain, height * contain);
                    break;
            }
        }

        var (finalWidth, finalHeight) = (Math.Max(1, Math.Round(outWidth)), Math.Max(1, Math.Round(outHeight)));
        if (finalWidth > limits.MaxOutputSide || finalHeight > limits.MaxOutputSide || finalWidth * finalHeight > limits.MaxOutputPixels)
        {
            return Error.Validation($"The edited image would be {finalWidth}x{finalHeight}: at most {limits.MaxOutputSide} pixels a side and {limits.MaxOutputPixels} pixels in all.");
        }

        return new EditGeometry(x, y, width, height, (int)finalWidth, (int)finalHeight);
    }
}
