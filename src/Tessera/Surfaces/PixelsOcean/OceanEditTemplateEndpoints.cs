using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Common;
using Tessera.Editing;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Live Editor templates (an edit without its base image) and batches (a template over up to 500 of your images, as a
/// job polled at <c>GET /api/jobs/{id}</c>). Another account's template id is a 404, like one that does not exist.
/// </summary>
public static class OceanEditTemplateEndpoints
{
    private const string Section = PixelsOceanSurface.Sections.LiveEditor;

    private const string TemplateExample = """{"name":"Sale banner","edit":{"filters":{"contrast":10},"layers":[{"type":"text","text":"SALE","size":96,"color":"#ff0000","x":40,"y":40}],"output":{"format":"jpg","quality":85}}}""";

    public static RouteGroupBuilder MapOceanEditTemplates(this RouteGroupBuilder editor)
    {
        editor.MapGet("/templates", ListAsync)
            .Documented(Section, "List edit templates", "Your saved templates, oldest first.",
                response: """{"success":true,"templates":[{"id":3,"name":"Sale banner","edit":{"layers":[]},"created_at":"2026-01-01T00:00:00+00:00"}]}""");
        editor.MapPost("/templates", CreateAsync).WithRequestBody<TemplateRequest>("application/json")
            .Documented(Section, "Save an edit as a template",
                "`name` (1–100 characters) and `edit`: an edit as for render, without `media_id` (a batch gives the base images). Checked as render checks it. At most 200 templates per account.",
                TemplateExample, """{"success":true,"template":{"id":3,"name":"Sale banner","edit":{"layers":[]},"created_at":"2026-01-01T00:00:00+00:00"}}""");
        editor.MapGet("/templates/{id:long}", GetAsync)
            .Documented(Section, "Get an edit template", "One of your templates with its edit.");
        editor.MapDelete("/templates/{id:long}", DeleteAsync)
            .Documented(Section, "Delete an edit template", "Deletes the template; batches already queued keep their copy of it.");
        editor.MapPost("/batch", BatchAsync).WithRequestBody<BatchRequest>("application/json")
            .Documented(Section, "Batch-apply a template",
                "`template_id` and `media_ids` (1–500 of your images; all must be yours, else 404 and nothing is queued): one job renders the template over each and stores each result in your library. Poll GET /api/jobs/{job_id}. At most 2 batch jobs of one account wait or run at once (429 beyond).",
                """{"template_id":3,"media_ids":[42,43,44]}""", """{"success":true,"status":"queued","job_id":1024,"message":"Job queued successfully","poll_url":"/api/jobs/1024"}""");
        return editor;
    }

    public sealed record TemplateRequest(string Name, JsonElement Edit);

    public sealed record BatchRequest([property: JsonPropertyName("template_id")] long TemplateId, [property: JsonPropertyName("media_ids")] long[] MediaIds);

    public sealed record TemplateView(long Id, string Name, JsonElement Edit, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static TemplateView From(EditTemplate template)
        {
            using var edit = JsonDocument.Parse(template.Edit);
            return new TemplateView(template.Id, template.Name, edit.RootElement.Clone(), template.CreatedAt);
        }
    }

    public sealed record TemplateResponse(bool Success, TemplateView Template);

    public sealed record TemplatesResponse(bool Success, IReadOnlyList<TemplateView> Templates);

    public sealed record DeletedResponse(bool Success, long Id, bool Deleted);

    public sealed record BatchResponse(bool Success, string Status, [property: JsonPropertyName("job_id")] long JobId, string Message, [property: JsonPropertyName("poll_url")] string PollUrl);

    private static async Task<IResult> ListAsync(HttpContext context, EditTemplates templates, CancellationToken ct) =>
        TypedResults.Ok(new TemplatesResponse(true, [.. (await templates.ListAsync(OceanAccount.Of(context), ct)).Select(TemplateView.From)]));

    private static async Task<IResult> GetAsync(long id, HttpContext context, EditTemplates templates, CancellationToken ct) =>
        await templates.GetAsync(OceanAccount.Of(context), id, ct) is { } template
            ? TypedResults.Ok(new TemplateResponse(true, TemplateView.From(template)))
            : new ErrorResult(EditTemplates.NotFound(id));

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, EditTemplates templates, CancellationToken ct)
    {
        var deleted = await templates.DeleteAsync(OceanAccount.Of(context), id, ct);
        return deleted.IsSuccess ? TypedResults.Ok(new DeletedResponse(true, id, true)) : new ErrorResult(deleted.Error);
    }

    private static async Task<IResult> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, EditTemplates templates, EditParser parser, LiveEditor editor,
        CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return new ErrorResult(json.Error);
        }

        var limits = editor.Options;
        var name = OceanInput.String(json.Value, "name");
        if (!name.IsSuccess)
        {
            return new ErrorResult(name.Error);
        }

        var trimmed = name.Value.Value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > limits.MaxTemplateNameLength)
        {
            return new ErrorResult(Error.Validation($"'name' must be 1 to {limits.MaxTemplateNameLength} characters."));
        }

        if (!json.Value.TryGetProperty("edit", out var edit) || edit.ValueKind != JsonValueKind.Object)
        {
            return new ErrorResult(Error.Validation("'edit' (an edit as for render, without media_id) is required and must be an object."));
        }

        var parsed = parser.Parse(edit, template: true);
        if (!parsed.IsSuccess)
        {
            return new ErrorResult(parsed.Error with { Message = "edit: " + parsed.Error.Message });
        }

        var created = await templates.CreateAsync(OceanAccount.Of(context), trimmed, edit.GetRawText(), limits.MaxTemplatesPerAccount, ct);
        return created.IsSuccess ? TypedResults.Ok(new TemplateResponse(true, TemplateView.From(created.Value))) : new ErrorResult(created.Error);
    }

    private static async Task<IResult> BatchAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, EditBatches batches, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return new ErrorResult(json.Error);
        }

        var template = OceanInput.OptionalId(json.Value, "template_id");
        var ids = OceanInput.Ids(json.Value, "media_ids");
        if (!template.IsSuccess || template.Value.Value is null)
        {
            return new ErrorResult(template.IsSuccess ? Error.Validation("'template_id' is required.") : template.Error);
        }

        if (!ids.IsSuccess || ids.Value is null)
        {
            return new ErrorResult(ids.IsSuccess ? Error.Validation("'media_ids' (an array of your media ids) is required.") : ids.Error);
        }

        var submitted = await batches.SubmitAsync(OceanAccount.Of(context), PixelsOceanSurface.Name, template.Value.Value.Value, ids.Value, ct);
        return submitted.IsSuccess
            ? TypedResults.Ok(new BatchResponse(true, "queued", submitted.Value.Number, "Job queued successfully", $"/api/jobs/{submitted.Value.Number}"))
            : new ErrorResult(submitted.Error);
    }
}
