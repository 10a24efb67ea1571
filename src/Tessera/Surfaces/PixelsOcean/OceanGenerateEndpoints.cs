using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Generation;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Generation (seed: <c>/api/generate</c>, <c>/api/replace/generate</c>, <c>/api/replace/batch</c>): the doc's fields read
/// here, the rules and the providers in the Generation module (<see cref="ImageGenerator"/>). Routes that do work: the
/// daily quota and the burst, the <c>generate</c> scope.
/// </summary>
public static class OceanGenerateEndpoints
{
    private const string FieldsDescription =
        "`style` (professional | cinematic | minimalist | photorealistic | cyberpunk | watercolor | pixel-art | abstract, default professional; an unknown one is a 400 listing them, a locked premium one a 403), `orientation` (landscape 16:9 | portrait 9:16 | square 1:1, default landscape), `gemini_key` (your own Gemini API key, used by the Gemini providers for this request only, never stored or logged).";

    public static RouteGroupBuilder MapOceanGenerate(this RouteGroupBuilder api)
    {
        api.MapPost("/generate", GenerateAsync).RequireKey(Scopes.Generate).RequireRateLimit(PixelsOceanSurface.Policies.Work).WithRequestBody<GenerateBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.Generation, "Generate images (sync)",
                "`prompt` (required, at most 2000 characters); `count` 1–4 (default 2); " + FieldsDescription + " The providers the operator configured are tried in order (for example Imagen 4 → DALL-E 3 → Flux → the built-in local procedural engine, which alone is the default); the first that succeeds answers and `provider` says which. Images come back as data URLs. 503 when no provider is configured, 502 when every provider failed. Counts against the daily quota.",
                """{"prompt":"Futuristic cyberpunk street food stall at night","style":"cinematic","orientation":"landscape","count":2}""",
                """{"success":true,"prompt":"Futuristic cyberpunk street food stall at night","count":2,"provider":"imagen4","style":"cinematic","orientation":"landscape","images":[{"index":0,"title":"Imagen 4 — Variation 1","provider":"imagen4","url":"data:image/png;base64,iVBORw0KGgo..."},{"index":1,"title":"Imagen 4 — Variation 2","provider":"imagen4","url":"data:image/png;base64,..."}]}""");
        var replace = api.MapGroup("/replace").RequireKey(Scopes.Generate).RequireRateLimit(PixelsOceanSurface.Policies.Work);
        replace.MapPost("/generate", QueueAsync).WithRequestBody<QueueBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.Generation, "Generate images (queued job)",
                "`description` (required; `prompt` is accepted too); `count` 1–4 (default 2); " + FieldsDescription + " Queues a `generate` job: poll `poll_url` (GET /api/jobs/{job_id}); when completed, `images` [{index, title, provider, media_id, url}] and `assets` are the images, kept in your media library (group `generated`). Counts against the daily quota.",
                """{"description":"Mountain at sunset","style":"cinematic","count":2}""",
                """{"success":true,"status":"queued","job_id":1025,"message":"Job queued successfully","poll_url":"/ocean/api/jobs/1025"}""");
        replace.MapPost("/batch", BatchAsync).WithRequestBody<BatchBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.Generation, "Generate images for several descriptions (sync)",
                "`descriptions`: 1–10 prompts, generated in parallel; `count` per description 1–4 (default 1; at most 10 images in all); " + FieldsDescription + " Each item of `results` says `success` with its `provider` and `images`, or the `error` and `code` of that description alone. When every description failed, the answer is that failure. Counts once against the daily quota.",
                """{"descriptions":["A red apple on a wooden table","A blue car driving in the rain"],"style":"photorealistic"}""",
                """{"success":true,"style":"photorealistic","orientation":"landscape","count":2,"succeeded":2,"failed":0,"results":[{"index":0,"description":"A red apple on a wooden table","success":true,"provider":"imagen4","images":[{"index":0,"title":"Imagen 4 — Variation 1","provider":"imagen4","url":"data:image/png;base64,..."}]},{"index":1,"description":"A blue car driving in the rain","success":true,"provider":"imagen4","images":[{"index":0,"title":"Imagen 4 — Variation 1","provider":"imagen4","url":"data:image/png;base64,..."}]}]}""");
        return api;
    }

    public sealed record GenerateBody(
        string Prompt, string? Style, string? Orientation, int? Count, [property: JsonPropertyName("gemini_key")] string? GeminiKey);

    public sealed record QueueBody(
        string Description, string? Style, string? Orientation, int? Count, [property: JsonPropertyName("gemini_key")] string? GeminiKey);

    public sealed record BatchBody(
        IReadOnlyList<string> Descriptions, string? Style, string? Orientation, int? Count, [property: JsonPropertyName("gemini_key")] string? GeminiKey);

    public sealed record ImageView(int Index, string Title, string Provider, string Url);

    public sealed record GenerateResponse(
        bool Success, string Prompt, int Count, string Provider, string Style, string Orientation, IReadOnlyList<ImageView> Images);

    public sealed record QueuedResponse(bool Success, string Status, [property: JsonPropertyName("job_id")] long JobId, string Message, [property: JsonPropertyName("poll_url")] string PollUrl);

    public sealed record BatchItemView(
        int Index, string Description, bool Success,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Provider,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ImageView>? Images,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code);

    public sealed record BatchResponse(
        bool Success, string Style, string Orientation, int Count, int Succeeded, int Failed, IReadOnlyList<BatchItemView> Results);

    private static async Task<IResult> GenerateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, GenerationRequests requests, ImageGenerator generator, CancellationToken ct)
    {
        var fields = Read(body, "prompt", GenerationRequests.DefaultCount);
        if (!fields.IsSuccess)
        {
            return new ErrorResult(fields.Error);
        }

        var (prompt, style, orientation, count, key) = fields.Value;
        var request = requests.Create(prompt, style, orientation, count, key);
        if (!request.IsSuccess)
        {
            return new ErrorResult(request.Error);
        }

        var made = await generator.GenerateAsync(request.Value, ct);
        if (!made.IsSuccess)
        {
            return new ErrorResult(made.Error);
        }

        var images = Views(made.Value);
        return TypedResults.Ok(new GenerateResponse(
            true, request.Value.Prompt, images.Count, made.Value.Provider, request.Value.Style.Slug, Orientations.NameOf(request.Value.Orientation), images));
    }

    private static async Task<IResult> QueueAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, GenerationRequests requests, GenerateJobs jobs,
        SurfaceRegistry surfaces, CancellationToken ct)
    {
        // The doc names the field "description"; "prompt" (as /api/generate calls it) is read when it is absent.
        var json = OceanInput.Object(body);
        var field = json.IsSuccess && !json.Value.TryGetProperty("description", out _) && json.Value.TryGetProperty("prompt", out _) ? "prompt" : "description";
        var fields = Read(body, field, GenerationRequests.DefaultCount);
        if (!fields.IsSuccess)
        {
            return new ErrorResult(fields.Error);
        }

        var (prompt, style, orientation, count, key) = fields.Value;
        var request = requests.Create(prompt, style, orientation, count, key, field);
        if (!request.IsSuccess)
        {
            return new ErrorResult(request.Error);
        }

        var submitted = await jobs.SubmitAsync(TesseraClaims.AccountIdOf(context.User)!, PixelsOceanSurface.Name, request.Value, ct);
        if (!submitted.IsSuccess)
        {
            return new ErrorResult(submitted.Error);
        }

        var pathBase = surfaces.Get(PixelsOceanSurface.Name).PathBase;
        return TypedResults.Ok(new QueuedResponse(
            true, OceanJobEndpoints.StatusOf(submitted.Value.Job.Status), submitted.Value.Number, "Job queued successfully",
            string.Create(CultureInfo.InvariantCulture, $"{pathBase}/api/jobs/{submitted.Value.Number}")));
    }

    private static async Task<IResult> BatchAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, GenerationRequests requests, BatchGeneration batches, CancellationToken ct)
    {
        var fields = Read(body, promptField: null, fallbackCount: 1);
        var descriptions = fields.IsSuccess ? OceanInput.Strings(OceanInput.Object(body).Value, "descriptions") : fields.Error;
        if (!fields.IsSuccess || !descriptions.IsSuccess)
        {
            return new ErrorResult(fields.Error ?? descriptions.Error!);
        }

        var (_, style, orientation, count, key) = fields.Value;
        var common = requests.Common(style, orientation, count, key);
        var checkedDescriptions = common.IsSuccess ? batches.Descriptions(descriptions.Value, count) : common.Error;
        if (!common.IsSuccess || !checkedDescriptions.IsSuccess)
        {
            return new ErrorResult(common.Error ?? checkedDescriptions.Error!);
        }

        var ran = await batches.RunAsync(checkedDescriptions.Value, common.Value, ct);
        if (!ran.IsSuccess)
        {
            return new ErrorResult(ran.Error);
        }

        var results = ran.Value.Select(item => item.Outcome is { } outcome
            ? new BatchItemView(item.Index, item.Description, true, outcome.Provider, Views(outcome), null, null)
            : new BatchItemView(item.Index, item.Description, false, null, null, item.Error!.Message, item.Error.Code)).ToList();
        var failed = results.Count(item => !item.Success);
        return TypedResults.Ok(new BatchResponse(
            true, common.Value.Style.Slug, Orientations.NameOf(common.Value.Orientation), results.Count, results.Count - failed, failed, results));
    }

    private static List<ImageView> Views(GenerationOutcome outcome) =>
        [.. outcome.Images.Select(image => new ImageView(image.Index, image.Title, image.Provider, image.DataUrl))];

    /// <summary>The fields every generation route shares, type-checked: the prompt (unless <paramref name="promptField"/> is
    /// null), style, orientation, count (1–4) and gemini_key.</summary>
    private static Result<(string? Prompt, string? Style, string? Orientation, int Count, string? Key)> Read(JsonElement? body, string? promptField, int fallbackCount)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var value = json.Value;
        var prompt = promptField is null ? Result<(bool Present, string? Value)>.Ok((false, null)) : OceanInput.String(value, promptField);
        var style = OceanInput.String(value, "style");
        var orientation = OceanInput.String(value, "orientation");
        var key = OceanInput.String(value, "gemini_key");
        var count = OceanInput.IntField(value, "count", fallbackCount, GenerationRequests.MinCount, GenerationRequests.MaxCount);
        var error = new[] { prompt.IsSuccess ? null : prompt.Error, style.IsSuccess ? null : style.Error, orientation.IsSuccess ? null : orientation.Error,
            key.IsSuccess ? null : key.Error, count.IsSuccess ? null : count.Error }.FirstOrDefault(e => e is not null);
        return error is not null
            ? error
            : (prompt.Value.Value, style.Value.Value, orientation.Value.Value, count.Value, key.Value.Value);
    }
}
