using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.RateLimits;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// <c>GET /dojo/llms.txt</c>: the whole API as Markdown for an LLM, generated from the API explorer's descriptions of the
/// dojo routes (the same metadata the OpenAPI document <c>/openapi/dojo.json</c> is built from: summaries, descriptions,
/// parameters, response types, examples), plus the live model list with schemas, the error table and the rate limit.
/// </summary>
public static class DojoLlmsText
{
    public static IEndpointRouteBuilder MapDojoLlmsText(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        endpoints.MapGet(pathBase + "/llms.txt", Render).AllowAnonymous().ExcludeFromDescription();

        // The name agents also guess (issue #12): the same text.
        endpoints.MapGet(pathBase + "/llm.txt", Render).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Render(
        HttpContext context, IApiDescriptionGroupCollectionProvider explorer, IModelRegistry registry, IOptions<RateLimitOptions> limits,
        IConfiguration configuration)
    {
        var apiBase = DojoUrls.ApiBase(context, configuration);
        var text = new StringBuilder();
        Line(text, "# PixelDojo API (Tessera)");
        Line(text);
        Line(text, "> Agent-first async image and video generation: pick a model, submit a job with a prompt, poll it (or take a webhook) until it is completed, download the outputs. Credits are charged per image (image models) or per second (video models).");
        Line(text);
        Line(text, $"Base URL: {apiBase}");
        Line(text, $"OpenAPI: {apiBase[..^DojoUrls.ApiPrefix.Length]}/openapi.json (also {DojoUrls.Root(context, configuration)}/openapi/dojo.json)");
        Line(text);
        Authentication(text);
        RateLimits(text, limits.Value);
        Errors(text);
        Endpoints(text, explorer);
        Webhooks(text);
        Models(text, registry);
        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    private static void Authentication(StringBuilder text)
    {
        Line(text, "## Authentication");
        Line(text);
        Line(text, "Every /api/v1 request must carry an API key (model reads too):");
        Line(text);
        Line(text, "    Authorization: Bearer YOUR_API_KEY");
        Line(text, "    Content-Type: application/json");
        Line(text);
        Line(text, "A missing or invalid key → 401 unauthorized. A key restricted to scopes needs the scope each endpoint names below; without it → 403 forbidden.");
        Line(text);
    }

    private static void RateLimits(StringBuilder text, RateLimitOptions options)
    {
        Line(text, "## Rate limits");
        Line(text);
        if (options.Policies.TryGetValue(RateLimitDefaults.Dojo, out var rules))
        {
            foreach (var rule in rules)
            {
                Line(text, $"- {rule.Limit} requests per {Window(rule.Window)} per {rule.Partition.ToString().ToLowerInvariant()}, shared across all API endpoints.");
            }
        }

        Line(text, "- Every answer carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (epoch seconds); over the limit → 429 rate_limit_exceeded with Retry-After.");
        Line(text);
    }

    private static void Errors(StringBuilder text)
    {
        Line(text, "## Errors");
        Line(text);
        Line(text, "Every error is JSON `{\"error\":{\"code\":\"...\",\"message\":\"...\",\"status\":<HTTP status>}}`.");
        Line(text);
        Line(text, "| code | status | meaning |");
        Line(text, "| --- | --- | --- |");
        foreach (var (code, status, description) in DojoErrors.Table)
        {
            Line(text, $"| {code} | {status} | {description} |");
        }

        Line(text, "| forbidden | 403 | The key lacks the endpoint's scope, or the account is suspended |");
        Line(text, "| job_finished | 409 | Cancel of a job that already finished |");
        Line(text);
    }

    private static void Endpoints(StringBuilder text, IApiDescriptionGroupCollectionProvider explorer)
    {
        Line(text, "## Endpoints");
        Line(text);
        var routes = explorer.ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Where(description => description.GroupName == PixelDojoSurface.Name);
        foreach (var route in routes)
        {
            Endpoint(text, route);
        }
    }

    private static void Endpoint(StringBuilder text, ApiDescription route)
    {
        var metadata = route.ActionDescriptor.EndpointMetadata;
        var summary = metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
        Line(text, $"### {route.HttpMethod} /{route.RelativePath}" + (summary is null ? "" : $" — {summary}"));
        Line(text);
        if (metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description is { } description)
        {
            Line(text, description);
            Line(text);
        }

        var access = metadata.OfType<KeyAccess>().LastOrDefault();
        Line(text, access?.Scope is { } scope ? $"Auth: API key with scope `{scope}`." : "Auth: API key.");
        if (metadata.OfType<IdempotentRequest>().Any())
        {
            Line(text, "Idempotency: send `Idempotency-Key: <unique string>`; a retry with the same key within 24 h returns the first response.");
        }

        var parameters = route.ParameterDescriptions.Where(p => p.Source != BindingSource.Body).ToList();
        if (parameters.Count > 0)
        {
            Line(text, "Parameters:");
            foreach (var parameter in parameters)
            {
                Line(text, $"- `{parameter.Name}` ({parameter.Source.DisplayName.ToLowerInvariant()}, {TypeName(parameter.Type)}{(parameter.IsRequired ? ", required" : ", optional")})");
            }
        }

        var example = metadata.OfType<DojoExample>().LastOrDefault();
        if (example?.Request is { } request)
        {
            Line(text, "Request body (JSON; fields per the model's schema, see Models):");
            Line(text, "    " + request);
        }

        var success = route.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300).Select(r => r.StatusCode).DefaultIfEmpty(200).First();
        if (example is not null)
        {
            Line(text, $"Response {success}:");
            Line(text, "    " + example.Response);
        }
        else
        {
            Line(text, $"Response {success}.");
        }

        var errors = route.SupportedResponseTypes.Where(r => r.StatusCode >= 400).Select(r => r.StatusCode).Order().ToList();
        if (errors.Count > 0)
        {
            Line(text, "Errors: " + string.Join(", ", errors.Select(status => $"{status} {string.Join("/", CodesFor(status))}")));
        }

        Line(text);
    }

    private static void Webhooks(StringBuilder text)
    {
        Line(text, "## Webhooks");
        Line(text);
        Line(text, "Give `webhook_url` in the run body. When the job completes, fails or is canceled, Tessera POSTs the job body (as GET /jobs/{jobId} returns it, without `webhook`) to that URL, signed the Standard Webhooks way: headers webhook-id, webhook-timestamp, webhook-signature = `v1,` + base64(HMAC-SHA256(key = base64-decode(secret after `whsec_`), \"{webhook-id}.{webhook-timestamp}.{raw body}\")). Get the secret at GET /webhook/secret. Non-2xx answers are retried (0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h); every attempt is listed at GET /jobs/{jobId}/webhook.");
        Line(text);
    }

    private static void Models(StringBuilder text, IModelRegistry registry)
    {
        Line(text, "## Models");
        Line(text);
        foreach (var model in DojoModelEndpoints.DojoModels(registry))
        {
            var pricing = DojoModelEndpoints.Pricing(model);
            Line(text, $"### {model.Id} — {model.Name} ({model.OutputKind}; {pricing.CreditCost.ToString(CultureInfo.InvariantCulture)} credits per {pricing.Unit})");
            Line(text);
            Line(text, model.Description);
            Line(text);
            Line(text, "Input schema (POST /models/" + model.Id + "/run body):");
            Line(text);
            Line(text, "```json");
            Line(text, ModelInputValidator.SchemaText(model).Trim());
            Line(text, "```");
            Line(text);
        }
    }

    private static IEnumerable<string> CodesFor(int status) => status switch
    {
        403 => ["forbidden"],
        409 => ["job_finished"],
        _ => DojoErrors.Table.Where(e => e.Status == status).Select(e => e.Code).DefaultIfEmpty("error"),
    };

    private static string TypeName(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) || t == typeof(long) => "integer",
            var t when t == typeof(string) => "string",
            var t => t.Name,
        };

    private static string Window(TimeSpan window) => window switch
    {
        { TotalDays: 1 } => "day",
        { TotalHours: 1 } => "hour",
        { TotalMinutes: 1 } => "minute",
        { TotalSeconds: 1 } => "second",
        _ => window.ToString("c", CultureInfo.InvariantCulture),
    };

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
