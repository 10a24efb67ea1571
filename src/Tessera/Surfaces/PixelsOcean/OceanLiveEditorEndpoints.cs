using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Editing;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// The Live Editor (seed: "Coming Soon Live Editor API", built; DECISIONS.md): status, a full render stored in the
/// library, and a small preview returned as the image itself. The edit's model and limits are the Editing module's
/// (docs/pixels-ocean.md, "Live Editor"); this file only reads the body and shapes the answers.
/// </summary>
public static class OceanLiveEditorEndpoints
{
    private const string Section = PixelsOceanSurface.Sections.LiveEditor;

    internal const string EditExample = """{"media_id":42,"crop":{"x":0,"y":0,"width":1600,"height":900},"resize":{"width":1200},"filters":{"contrast":10,"saturation":-20},"layers":[{"type":"image","media_id":43,"x":1000,"y":620,"scale":0.5,"opacity":70,"z":1},{"type":"text","text":"Summer sale","font":"DejaVu Sans Bold","size":72,"color":"#ffffff","outline_color":"#000000","outline_width":3,"x":60,"y":60,"rotation":-5,"z":2},{"type":"shape","shape":"rect","x":40,"y":40,"width":560,"height":130,"fill":"#000000","opacity":40,"z":0}],"output":{"format":"webp","quality":85}}""";

    public static RouteGroupBuilder MapOceanLiveEditor(this RouteGroupBuilder editor)
    {
        var limits = ((IEndpointRouteBuilder)editor).ServiceProvider.GetRequiredService<IOptions<EditingOptions>>().Value;
        editor.MapGet("/status", Status)
            .Documented(Section, "Live Editor status",
                "Whether the Live Editor is available (it is), the features that work, this server's fonts and the limits.",
                response: """{"success":true,"available":true,"message":"Live Editor API is available.","features":["Crop, resize (contain, cover, fill)","Layer-based editing with z-order"],"fonts":["DejaVu Sans Bold"],"formats":["webp","jpg","png"],"limits":{"max_layers":50}}""");
        editor.MapPost("/render", RenderAsync).WithRequestBody<EditRequest>("application/json")
            .Documented(Section, "Render an edit",
                "Renders the edit at full size (sync) and stores it as a new asset of your library (name \"… (edited)\", the base's folder and group, tag `edited`): `media_id` (the base, yours), `crop`, `resize`, `filters`, `layers` (image, text, shape), `output`. Coordinates are pixels of the edited image (after crop and resize). Every media id must be yours (else 404).",
                EditExample, """{"success":true,"media_id":57,"url":"https://host/ocean/m/57/.../photo-edited.webp","width":1200,"height":675,"format":"webp","size":183204}""");
        editor.MapPost("/preview", PreviewAsync).WithRequestBody<EditRequest>("application/json")
            .Documented(Section, "Preview an edit",
                $"The same edit rendered small and fast: the answer is the image itself (JPEG, longest side at most {limits.PreviewMaxSide}; layers scaled with it), with `X-Edit-Width`/`X-Edit-Height` (the full edited size) and `X-Preview-Scale`. Nothing is stored. {limits.MaxConcurrentPreviewsPerAccount} previews of one account render at once; more at the same moment are 429.",
                EditExample);
        return editor;
    }

    /// <summary>The body of render and preview, for the OpenAPI document (the handler reads the JSON itself).</summary>
    public sealed record EditRequest(
        [property: JsonPropertyName("media_id")] long MediaId, JsonElement? Crop, JsonElement? Resize, JsonElement? Filters, JsonElement[]? Layers, JsonElement? Output);

    public sealed record StatusResponse(
        bool Success, bool Available, string Message, IReadOnlyList<string> Features, IReadOnlyList<string> Fonts, IReadOnlyList<string> Formats,
        IReadOnlyDictionary<string, long> Limits);

    public sealed record RenderResponse(
        bool Success, [property: JsonPropertyName("media_id")] long MediaId, string Url, int Width, int Height, string Format, long Size, OceanMediaView Media);

    private static readonly string[] Features =
    [
        "Crop, resize (contain, cover, fill)",
        "Filters: greyscale, blur, sharpen, brightness, contrast, saturation",
        "Layer-based editing with z-order, position, rotation and opacity",
        "Image and watermark layers from your library, scaled",
        "Text overlays in the server's fonts: size, colour, rotation, outline",
        "Shapes: rectangles, ellipses, lines with fill and stroke",
        "Live preview (small, fast render)",
        "Templates and batch processing of up to 500 images as a job",
        "Output as WebP, JPEG or PNG with a quality",
    ];

    private static IResult Status(LiveEditor editor, EditFonts fonts)
    {
        var o = editor.Options;
        return TypedResults.Ok(new StatusResponse(true, true, "Live Editor API is available.", Features, fonts.Names, EditParser.OutputFormats,
            new Dictionary<string, long>
            {
                ["max_layers"] = o.MaxLayers,
                ["max_text_length"] = o.MaxTextLength,
                ["max_output_pixels"] = o.MaxOutputPixels,
                ["max_output_side"] = o.MaxOutputSide,
                ["preview_max_side"] = o.PreviewMaxSide,
                ["max_concurrent_previews"] = o.MaxConcurrentPreviewsPerAccount,
                ["max_batch_ids"] = o.MaxBatchIds,
                ["max_active_batches"] = o.MaxActiveBatchesPerAccount,
                ["max_templates"] = o.MaxTemplatesPerAccount,
            }));
    }

    private static async Task<IResult> RenderAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, LiveEditor editor, EditParser parser, CancellationToken ct)
    {
        var edit = Read(body, parser);
        if (!edit.IsSuccess)
        {
            return new ErrorResult(edit.Error);
        }

        var stored = await editor.RenderAsync(OceanAccount.Of(context), edit.Value, ct);
        if (!stored.IsSuccess)
        {
            return new ErrorResult(stored.Error);
        }

        var asset = stored.Value;
        return TypedResults.Ok(new RenderResponse(true, asset.Id, OceanMediaFiles.UrlOf(context, asset), asset.Width ?? 0, asset.Height ?? 0,
            edit.Value.Output.Extension, asset.Size, OceanMediaFiles.View(context, asset)));
    }

    private static async Task<IResult> PreviewAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, LiveEditor editor, EditParser parser, CancellationToken ct)
    {
        var edit = Read(body, parser);
        if (!edit.IsSuccess)
        {
            return new ErrorResult(edit.Error);
        }

        var preview = await editor.PreviewAsync(OceanAccount.Of(context), edit.Value, ct);
        if (!preview.IsSuccess)
        {
            return new ErrorResult(preview.Error);
        }

        var image = preview.Value;
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["X-Edit-Width"] = image.EditWidth.ToString(CultureInfo.InvariantCulture);
        headers["X-Edit-Height"] = image.EditHeight.ToString(CultureInfo.InvariantCulture);
        headers["X-Preview-Scale"] = (image.Width / (double)image.EditWidth).ToString("0.######", CultureInfo.InvariantCulture);
        return TypedResults.File(image.Bytes, image.ContentType);
    }

    private static Result<Edit> Read(JsonElement? body, EditParser parser)
    {
        var json = OceanInput.Object(body);
        return json.IsSuccess ? parser.Parse(json.Value, template: false) : json.Error;
    }
}

/// <summary>The calling account of an authenticated Ocean route.</summary>
internal static class OceanAccount
{
    public static string Of(HttpContext context) => TesseraClaims.AccountIdOf(context.User)!;
}

