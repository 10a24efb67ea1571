using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Media;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /api/media/upload</c> (multipart: <c>file</c>, <c>name</c>, <c>group</c>, <c>tags</c> as a JSON array,
/// <c>auto_tag</c>, <c>folder_id</c>): the type comes from the bytes, never the name; images are bounded by size and by
/// declared pixels before decoding; analysis (colours, perceptual hash, OCR) follows within seconds.
/// </summary>
public static class OceanUploadEndpoints
{
    public static RouteGroupBuilder MapOceanUpload(this RouteGroupBuilder media)
    {
        media.MapPost("/upload", UploadAsync).DisableAntiforgery()
            .WithRequestBody<UploadForm>("multipart/form-data")
            .Documented(PixelsOceanSurface.Sections.Media, "Upload file",
                "multipart/form-data: `file` (required; an image — PNG, JPEG, GIF, WebP, AVIF —, a video — MP4, MOV, WebM, AVI — or a document — PDF, ZIP; at most Tessera:Media:MaxUploadBytes, 15 MB by default), `name` (defaults to the file name), `group`, `tags` (JSON array, e.g. [\"nature\",\"sky\"]), `auto_tag` (1/true: the image's labels from the vision engine — the 80 COCO object classes locally, see docs/vision.md — are added to its tags and its searchable `labels` during analysis), `folder_id`. The same bytes uploaded twice are stored once. `analysis` is `pending` until colours, perceptual hash, OCR text and auto_tag labels are computed (seconds).",
                "multipart/form-data: file=@photo.jpg, name=My Photo, tags=[\"nature\",\"landscape\"], auto_tag=1",
                """{"success":true,"media_id":42,"url":"https://host/ocean/m/42/.../photo.jpg","tags":["nature","landscape"],"type":"image","name":"My Photo"}""");
        return media;
    }

    /// <summary>The multipart fields the handler reads (for the OpenAPI document).</summary>
    public sealed record UploadForm(
        IFormFile File, string? Name, string? Group, string? Tags,
        [property: JsonPropertyName("auto_tag")] bool? AutoTag, [property: JsonPropertyName("folder_id")] long? FolderId);

    public sealed record UploadResponse(
        bool Success, [property: JsonPropertyName("media_id")] long MediaId, string Url, IReadOnlyList<string> Tags, string Type, string Name, OceanMediaView Media);

    private static async Task<IResult> UploadAsync(HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            return new ErrorResult(Error.Validation("Send multipart/form-data with the file in a field named 'file'."));
        }

        var read = await FormBodies.ReadAsync(context.Request, ct);
        if (!read.IsSuccess)
        {
            return new ErrorResult(read.Error);
        }

        var form = read.Value;
        if (form.Files.GetFile("file") is not { } file)
        {
            return new ErrorResult(Error.Validation("'file' is required: send the file as a multipart field named 'file'."));
        }

        var tags = Tags(form["tags"].ToString());
        var folder = OceanInput.Id(form["folder_id"].ToString(), "folder_id");
        var autoTag = OceanInput.FormFlag(form["auto_tag"].ToString(), "auto_tag");
        if (!tags.IsSuccess || !folder.IsSuccess || !autoTag.IsSuccess)
        {
            return new ErrorResult((!tags.IsSuccess ? tags.Error : !folder.IsSuccess ? folder.Error : autoTag.Error)!);
        }

        await using var content = file.OpenReadStream();
        var uploaded = await library.UploadAsync(
            TesseraClaims.AccountIdOf(context.User)!, content, file.Length,
            new MediaUpload(file.FileName, form["name"].ToString(), form["group"].ToString(), tags.Value, folder.Value, autoTag.Value), ct);
        if (!uploaded.IsSuccess)
        {
            return new ErrorResult(uploaded.Error);
        }

        var view = OceanMediaFiles.View(context, uploaded.Value);
        return TypedResults.Ok(new UploadResponse(true, view.Id, view.Url, view.Tags, view.Type, view.Name, view));
    }

    /// <summary>The <c>tags</c> field: a JSON array of strings as the doc shows; a plain comma-separated list is taken too.</summary>
    private static Result<IReadOnlyList<string?>> Tags(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Array.Empty<string?>();
        }

        if (text.TrimStart() is var trimmed && !trimmed.StartsWith('[') && !trimmed.StartsWith('{'))
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.EnumerateArray().All(tag => tag.ValueKind == JsonValueKind.String))
            {
                return document.RootElement.EnumerateArray().Select(tag => tag.GetString()).ToList();
            }
        }
        catch (JsonException)
        {
        }

        return Error.Validation("'tags' must be a JSON array of strings, e.g. [\"nature\",\"sky\"].");
    }
}
