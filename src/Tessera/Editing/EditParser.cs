using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Editing;

/// <summary>
/// Turns an edit's JSON (docs/pixels-ocean.md, "Live Editor") into an <see cref="Edit"/>, checking every field's type and
/// range and the counts (<see cref="EditingOptions"/>), with a 400 that names the field. What needs the images
/// themselves (a crop inside the base, the output's pixels) is checked when rendering.
/// </summary>
public sealed class EditParser(IOptions<EditingOptions> options, EditFonts fonts)
{
    /// <summary>Coordinates beyond this are refused: far outside any image this server makes, and safe in an int after scaling.</summary>
    public const double MaxCoordinate = 100_000;

    public static readonly IReadOnlyList<string> LayerTypes = ["image", "text", "shape"];

    public static readonly IReadOnlyList<string> ShapeNames = ["rect", "ellipse", "line"];

    public static readonly IReadOnlyList<string> FitNames = ["contain", "cover", "fill"];

    public static readonly IReadOnlyList<string> OutputFormats = ["webp", "jpg", "png"];

    /// <summary>
    /// Parses <paramref name="body"/>. With <paramref name="template"/> the edit has no base (<c>media_id</c> is refused:
    /// a batch supplies it); otherwise <c>media_id</c> is required.
    /// </summary>
    public Result<Edit> Parse(JsonElement body, bool template)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Error.Validation("The edit must be a JSON object.");
        }

        try
        {
            return Read(new EditJson(body, ""), template);
        }
        catch (InvalidEdit invalid)
        {
            return invalid.Error;
        }
    }

    private Edit Read(EditJson json, bool template)
    {
        var limits = options.Value;
        var baseId = Take(json.Id("media_id"));
        if (template && baseId is not null)
        {
            throw new InvalidEdit(Error.Validation("'media_id' is not part of a template: a batch names the base images."));
        }

        if (!template && baseId is null)
        {
            throw new InvalidEdit(Error.Validation("'media_id' (the base image, one of your media ids) is required."));
        }

        var crop = Take(json.Object("crop")) is { } c ? Crop(c, limits) : null;
        var resize = Take(json.Object("resize")) is { } r ? Resize(r, limits) : null;
        var filters = Take(json.Object("filters")) is { } f ? Filters(f) : EditFilters.None;
        var output = Take(json.Object("output")) is { } o ? Output(o) : EditOutput.Default;
        var layers = new List<EditLayer>();
        if (json.Element.TryGetProperty("layers", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidEdit(Error.Validation("'layers' must be an array."));
            }

            if (list.GetArrayLength() > limits.MaxLayers)
            {
                throw new InvalidEdit(Error.Validation($"'layers' holds at most {limits.MaxLayers} layers."));
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"layers[{index}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidEdit(Error.Validation($"'{path}' must be an object."));
                }

                layers.Add(Layer(new EditJson(item, path), index, limits));
                index++;
            }
        }

        return new Edit(baseId, crop, resize, filters, layers, output);
    }

    private static CropBox Crop(EditJson json, EditingOptions limits) => new(
        Take(json.Int("x", 0, 0, int.MaxValue)), Take(json.Int("y", 0, 0, int.MaxValue)),
        Take(Required(json, "width", json.Int("width", 0, 1, int.MaxValue))), Take(Required(json, "height", json.Int("height", 0, 1, int.MaxValue))));

    private static ResizeBox Resize(EditJson json, EditingOptions limits)
    {
        var width = Take(json.OptionalInt("width", 1, limits.MaxOutputSide));
        var height = Take(json.OptionalInt("height", 1, limits.MaxOutputSide));
        var fit = Take(json.String("fit"))?.Trim().ToLowerInvariant() ?? "contain";
        if (!FitNames.Contains(fit))
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("fit")}' must be one of {string.Join(", ", FitNames)}."));
        }

        if (width is null && height is null)
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("width")}' or '{json.PathOf("height")}' is required."));
        }

        if (fit != "contain" && (width is null || height is null))
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("width")}' and '{json.PathOf("height")}' are both required with fit {fit}."));
        }

        return new ResizeBox(width, height, Enum.Parse<ResizeFit>(fit, ignoreCase: true));
    }

    private static EditFilters Filters(EditJson json) => new(
        Take(json.Bool("greyscale")) || Take(json.Bool("grayscale")),
        Take(json.Number("blur", 0, 0, 50)),
        Take(json.Number("sharpen", 0, 0, 10)),
        Take(json.Int("brightness", 0, -100, 100)),
        Take(json.Int("contrast", 0, -100, 100)),
        Take(json.Int("saturation", 0, -100, 100)));

    private static EditOutput Output(EditJson json)
    {
        var name = Take(json.String("format"))?.Trim().ToLowerInvariant() ?? "webp";
        var format = name == "jpeg" ? ImageFormat.Jpeg : OutputFormats.Contains(name) ? ImageEncoder.ParseFormat(name) : ImageFormat.Unknown;
        if (format == ImageFormat.Unknown)
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("format")}' must be one of {string.Join(", ", OutputFormats)}."));
        }

        int? quality = null;
        if (json.Element.TryGetProperty("quality", out var q) && !(q.ValueKind == JsonValueKind.String && q.GetString() == "auto"))
        {
            quality = Take(json.OptionalInt("quality", 1, 100));
        }

        return new EditOutput(format, quality);
    }

    private EditLayer Layer(EditJson json, int index, EditingOptions limits)
    {
        var type = Take(json.String("type"))?.Trim().ToLowerInvariant();
        if (type is null || !LayerTypes.Contains(type))
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("type")}' must be one of {string.Join(", ", LayerTypes)}."));
        }

        var x = Take(json.Number("x", 0, -MaxCoordinate, MaxCoordinate));
        var y = Take(json.Number("y", 0, -MaxCoordinate, MaxCoordinate));
        var rotation = Take(json.Number("rotation", 0, -360, 360));
        var opacity = Take(json.Int("opacity", 100, 0, 100));
        var z = Take(json.Int("z", index, -1000, 1000 + limits.MaxLayers));
        return type switch
        {
            "image" => new ImageLayer(
                Take(json.Id("media_id")) ?? throw new InvalidEdit(Error.Validation($"'{json.PathOf("media_id")}' (one of your media ids) is required."))
                , Take(json.Number("scale", 1, 0.01, 10)), x, y, rotation, opacity, z),
            "text" => Text(json, limits, x, y, rotation, opacity, z),
            _ => Shape(json, limits, x, y, rotation, opacity, z),
        };
    }

    private TextLayer Text(EditJson json, EditingOptions limits, double x, double y, double rotation, int opacity, int z)
    {
        var text = Take(json.String("text"));
        if (string.IsNullOrWhiteSpace(text) || text.Length > limits.MaxTextLength)
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("text")}' must be 1 to {limits.MaxTextLength} characters."));
        }

        var fontName = Take(json.String("font"));
        var fontFile = fontName is null ? fonts.Default : fonts.Find(fontName);
        if (fontFile is null)
        {
            throw new InvalidEdit(Error.Validation(fontName is null
                ? "No font is installed on this server (install Debian's fonts-dejavu-core or fonts-liberation)."
                : $"'{json.PathOf("font")}': no font named '{fontName}' on this server; GET /api/live-editor/status lists them."));
        }

        var outlineWidth = Take(json.Number("outline_width", 0, 0, 50));
        var size = Take(json.Number("size", 48, 1, 1000));

        // Set text is as large as its lines: bounded before Pango draws it (a glyph is taken as at most 1 em wide,
        // a line 1.5 em high), so 500 characters at 1000 px cannot ask for a gigapixel mask.
        var lines = text.Split('\n');
        var (wide, high) = ((lines.Max(line => line.Length) * size) + (2 * outlineWidth), (lines.Length * size * 1.5) + (2 * outlineWidth));
        if (wide * high > limits.MaxOutputPixels)
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("text")}' at size {size} would be about {wide:0}x{high:0} pixels, more than {limits.MaxOutputPixels}: use a smaller size or less text."));
        }

        return new TextLayer(text, fontFile, size, Take(json.Colour("color", 0xFFFFFF)) ?? 0xFFFFFF,
            Take(json.Colour("outline_color", 0x000000)) ?? 0x000000, outlineWidth, x, y, rotation, opacity, z);
    }

    private static ShapeLayer Shape(EditJson json, EditingOptions limits, double x, double y, double rotation, int opacity, int z)
    {
        var name = Take(json.String("shape"))?.Trim().ToLowerInvariant();
        if (name is null || !ShapeNames.Contains(name))
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("shape")}' must be one of {string.Join(", ", ShapeNames)}."));
        }

        var kind = Enum.Parse<ShapeKind>(name, ignoreCase: true);
        var line = kind == ShapeKind.Line;
        double side = limits.MaxOutputSide;
        var width = Take(Required(json, "width", json.Number("width", 0, line ? -side : 1, side)));
        var height = Take(Required(json, "height", json.Number("height", 0, line ? -side : 1, side)));
        if (line && width == 0 && height == 0)
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("width")}' and '{json.PathOf("height")}' (the line's end, relative to x and y) must not both be 0."));
        }

        if (Math.Abs(width) * Math.Abs(height) > limits.MaxOutputPixels)
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("width")}' × '{json.PathOf("height")}' must be at most {limits.MaxOutputPixels} pixels."));
        }

        var stroke = Take(json.Colour("stroke", line ? 0x000000 : null));
        var fill = line ? null : Take(json.Colour("fill", stroke is null ? 0x000000 : null));
        var strokeWidth = Take(json.Number("stroke_width", stroke is null ? 0 : line ? 4 : 2, 0, 500));
        if (fill is null && (stroke is null || strokeWidth == 0))
        {
            throw new InvalidEdit(Error.Validation($"'{json.PathOf("shape")}': give a fill, or a stroke with a stroke_width above 0."));
        }

        return new ShapeLayer(kind, width, height, fill, stroke, strokeWidth, x, y, rotation, opacity, z);
    }

    private static Result<T> Required<T>(EditJson json, string name, Result<T> value) =>
        json.Has(name) ? value : Error.Validation($"'{json.PathOf(name)}' is required.");

    private static T Take<T>(Result<T> result) => result.IsSuccess ? result.Value : throw new InvalidEdit(result.Error);

    /// <summary>
    /// Carries the first invalid field out of the nested readers to <see cref="Parse"/>, which turns it back into a
    /// Result: an edit has ~30 fields at three levels, and threading a Result through each would triple this file.
    /// It never leaves this class.
    /// </summary>
    private sealed class InvalidEdit(Error error) : Exception(error.Message)
    {
        public Error Error { get; } = error;
    }
}
