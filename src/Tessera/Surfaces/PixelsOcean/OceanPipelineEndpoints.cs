using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Pipelines;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /api/pipeline</c> (seed: "Chain any actions into one request") and <c>GET /api/pipeline/actions</c>, the
/// latter written from the same <see cref="PipelineActionDefinition"/>s that check a pipeline's params, so the schema
/// an agent reads is the one its request meets. A pipeline counts once against the daily quota, however many steps.
/// </summary>
public static class OceanPipelineEndpoints
{
    public static RouteGroupBuilder MapOceanPipelines(this RouteGroupBuilder api)
    {
        var pipeline = api.MapGroup("/pipeline").RequireKey(Scopes.Pipelines);
        pipeline.MapPost("", RunAsync).RequireRateLimit(PixelsOceanSurface.Policies.Work)
            .Documented(PixelsOceanSurface.Sections.Pipelines, "Run a pipeline",
                "`steps` [{name (unique; letters, digits, _ -), action (scrape · search · ocr · filter ...: see /api/pipeline/actions), params}] run in order; a param given as \"$step.field\" takes an earlier step's output (`.field` or `[index]` go inside; a field name on a list takes it from every item; write \"$$\" for a literal \"$\"). `stop_on_error` (default true) skips the rest after a failure. Bad steps, params or references are a 400 naming the step and param before anything runs; each action also needs its own scope. The answer reports each step's status (ok · error · skipped), elapsed seconds and output, and `result` (the last step's output); `success` is false when a step failed. Counts once against the daily quota; at most 10 steps, 2 pipelines of an account at once.",
                request: """{"steps":[{"name":"scrape","action":"scrape","params":{"url":"https://example.com","max_files":5,"sniper_mode":true}},{"name":"text","action":"ocr","params":{"media_ids":"$scrape.media_ids","max_images":3}},{"name":"same","action":"search","params":{"query":"$text.text","limit":6}}],"stop_on_error":true}""",
                response: """{"success":true,"pipeline":{"steps_total":3,"steps_ok":3,"steps_failed":0,"elapsed":4.21,"steps":[{"name":"scrape","action":"scrape","status":"ok","elapsed":2.1,"output":{"count":5,"urls":["..."]}},{"name":"text","action":"ocr","status":"ok","elapsed":1.8,"output":{"count":3,"text":"SUMMER SALE"}},{"name":"same","action":"search","status":"ok","elapsed":0.31,"output":{"count":6,"images":["..."]}}],"result":{"count":6,"images":["..."]}}}""");
        pipeline.MapGet("/actions", Actions).RequireRateLimit(PixelsOceanSurface.Policies.Burst)
            .Documented(PixelsOceanSurface.Sections.Pipelines, "List pipeline actions",
                "Every action a step may name: its scope, its params (type, required, default, bounds, allowed values) and its output fields — the same definitions that check a pipeline.",
                response: """{"success":true,"actions":[{"name":"search","description":"...","scope":"search","params":[{"name":"limit","type":"integer","required":false,"default":10,"minimum":1,"maximum":50,"description":"Items to return."}],"outputs":[{"name":"images","type":"array","description":"..."}]}]}""");
        return api;
    }

    public sealed record PipelineResponse(bool Success, PipelineReport Pipeline, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

    public sealed record ParamView(
        string Name, string Type, bool Required,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonNode? Default,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Minimum,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Maximum,
        [property: JsonPropertyName("enum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Choices,
        string Description);

    public sealed record ActionView(string Name, string Description, string Scope, IReadOnlyList<ParamView> Params, IReadOnlyList<PipelineOutput> Outputs);

    public sealed record ActionsResponse(bool Success, IReadOnlyList<ActionView> Actions);

    private static async Task<IResult> RunAsync(
        JsonElement? body, HttpContext context, PipelineActions actions, PipelineRunner runner, PipelineGate gate,
        Microsoft.Extensions.Options.IOptions<PipelinesOptions> options, CancellationToken ct)
    {
        var user = context.User;
        if (body is { ValueKind: not JsonValueKind.Undefined } raw && JsonInput.Check(raw) is { } unusable)
        {
            return new ErrorResult(unusable);
        }

        JsonNode? request;
        try
        {
            // A JSON object with a name twice has no one meaning: refused here, as a tree cannot hold it.
            request = body is { ValueKind: not JsonValueKind.Undefined } json ? JsonNode.Parse(json.GetRawText(), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) : null;
        }
        catch (JsonException)
        {
            return new ErrorResult(Error.Validation("The body names a property twice in one object."));
        }

        var plan = PipelinePlan.Parse(
            request, actions, options.Value.MaxSteps,
            scope => user.HasClaim(TesseraClaims.Scope, Scopes.All) || user.HasClaim(TesseraClaims.Scope, scope));
        if (!plan.IsSuccess)
        {
            return new ErrorResult(plan.Error);
        }

        var account = OceanAccount.Of(context);
        using var turn = gate.TryEnter(account);
        if (turn is null)
        {
            return new ErrorResult(new Error("too_many_pipelines",
                $"You already run {options.Value.MaxConcurrentPerAccount} pipelines at once: wait for one to answer.", StatusCodes.Status429TooManyRequests));
        }

        var report = await runner.RunAsync(account, plan.Value, asset => OceanMediaFiles.UrlOf(context, asset), ct);
        var failed = report.Steps.FirstOrDefault(step => step.Status == PipelineStepStatus.Error);
        return TypedResults.Ok(new PipelineResponse(failed is null, report, failed is null ? null : $"Step '{failed.Name}' failed: {failed.Error}"));
    }

    private static IResult Actions(PipelineActions actions) =>
        TypedResults.Ok(new ActionsResponse(true, [.. actions.Definitions.Select(definition => new ActionView(
            definition.Name, definition.Description, definition.Scope,
            [.. definition.Params.Select(param => new ParamView(
                param.Name, param.Type.WireName(), param.Required, param.Default?.DeepClone(), param.Minimum, param.Maximum, param.Choices, param.Description))],
            definition.Outputs))]));
}
