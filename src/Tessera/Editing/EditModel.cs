using Tessera.Imaging;

namespace Tessera.Editing;

/// <summary>
/// An edit (docs/pixels-ocean.md, "Live Editor"): a base image of the caller's library, then crop, resize and filters,
/// then layers drawn over it in z order, then the output format. Every coordinate and size is in pixels of the edited
/// image (after crop and resize), as Cloudinary's overlays are; a preview scales them with the image.
/// </summary>
/// <param name="BaseMediaId">The base image; null in a template (a batch supplies it).</param>
public sealed record Edit(long? BaseMediaId, CropBox? Crop, ResizeBox? Resize, EditFilters Filters, IReadOnlyList<EditLayer> Layers, EditOutput Output);

/// <summary>A rectangle of the base image, in its own pixels.</summary>
public sealed record CropBox(int X, int Y, int Width, int Height);

public enum ResizeFit
{
    /// <summary>Fits inside the box, keeping the aspect ratio (one side alone sets the scale).</summary>
    Contain,

    /// <summary>Fills the box, keeping the aspect ratio, the overflow cut from the centre.</summary>
    Cover,

    /// <summary>Stretched to exactly the box.</summary>
    Fill,
}

public sealed record ResizeBox(int? Width, int? Height, ResizeFit Fit);

/// <summary>Filters on the base image (not on the layers). Brightness, contrast and saturation: −100 to 100, 0 leaves it.</summary>
public sealed record EditFilters(bool Greyscale, double Blur, double Sharpen, int Brightness, int Contrast, int Saturation)
{
    public static readonly EditFilters None = new(false, 0, 0, 0, 0, 0);
}

/// <summary>
/// A layer: its unrotated box's top-left at (<see cref="X"/>, <see cref="Y"/>), turned <see cref="Rotation"/> degrees
/// clockwise about the box's centre, at <see cref="Opacity"/> percent; higher <see cref="Z"/> is drawn later (on top),
/// equal z in list order.
/// </summary>
public abstract record EditLayer(double X, double Y, double Rotation, int Opacity, int Z);

/// <summary>Another image of the caller's library, at <see cref="Scale"/> times its own size.</summary>
public sealed record ImageLayer(long MediaId, double Scale, double X, double Y, double Rotation, int Opacity, int Z) : EditLayer(X, Y, Rotation, Opacity, Z);

/// <summary>Text in a system font (<see cref="EditFonts"/>), <see cref="Size"/> pixels to the em, with an optional outline.</summary>
public sealed record TextLayer(string Text, string FontFile, double Size, uint Colour, uint OutlineColour, double OutlineWidth, double X, double Y, double Rotation, int Opacity, int Z)
    : EditLayer(X, Y, Rotation, Opacity, Z);

public enum ShapeKind
{
    Rect,
    Ellipse,
    Line,
}

/// <summary>
/// A rectangle or ellipse in the box <see cref="Width"/>×<see cref="Height"/>, or a line from (x, y) to
/// (x + width, y + height) (width and height may then be negative). Colours are 0xRRGGBB; null draws no fill or stroke.
/// </summary>
public sealed record ShapeLayer(ShapeKind Shape, double Width, double Height, uint? Fill, uint? Stroke, double StrokeWidth, double X, double Y, double Rotation, int Opacity, int Z)
    : EditLayer(X, Y, Rotation, Opacity, Z);

/// <summary>The encoded result: webp, jpg or png; quality 1–100 or null for the format's auto quality.</summary>
public sealed record EditOutput(ImageFormat Format, int? Quality)
{
    public static readonly EditOutput Default = new(ImageFormat.WebP, null);

    public string Extension => Format == ImageFormat.Jpeg ? "jpg" : Format.ToString().ToLowerInvariant();
}
