using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// <c>GET /dojo/llms.txt</c>: the whole API as Markdown for an LLM, written with the shared <see cref="LlmsTextWriter"/>: every
/// route from <see cref="SurfaceRouteCatalog"/> (the same metadata the OpenAPI document <c>/openapi/dojo.json</c> is built
/// from: summaries, descriptions, parameters, response types, examples), plus the live model list with schemas, the error
/// table and the rate limit.
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
        HttpContext context, SurfaceRouteCatalog catalog, IModelRegistry registry, IOptions<RateLimitOptions> limits, RateLimitPolicies policies,
        IConfiguration configuration)
    {
        var apiBase = DojoUrls.ApiBase(context, configuration);
        var root = DojoUrls.Root(context, configuration);
        var text = new LlmsTextWriter();
        text.Line("# PixelDojo API (Tessera)").Line()
            .Line("> Agent-first async image and video generation: pick a model, submit a job with a prompt, poll it (or take a webhook) until it is completed, download the outputs. Credits are charged per image (image models) or per second (video models).").Line()
            .Line($"Base URL: {apiBase}")
            .Line($"OpenAPI: {apiBase[..^DojoUrls.ApiPrefix.Length]}/openapi.json (also {root}/openapi/dojo.json)").Line();
        Authentication(text);
        RateLimits(text, limits.Value);
        Errors(text);
        text.Endpoints(catalog.For(PixelDojoSurface.Name), root, policies, status => string.Join("/", CodesFor(status)));
        Webhooks(text);
        Models(text, registry);
        return text.ToResult();
    }

    private static void Authentication(LlmsTextWriter text) => text.Section("Authentication")
        .Line("Every /api/v1 request must carry an API key (model reads too):").Line()
        .Line("    Authorization: Bearer YOUR_API_KEY")
        .Line("    Content-Type: application/json").Line()
        .Line("A missing or invalid key → 401 unauthorized. A key restricted to scopes needs the scope each endpoint names below; without it → 403 forbidden.").Line();

    private static void RateLimits(LlmsTextWriter text, RateLimitOptions options)
    {
        text.Section("Rate limits");
        if (options.Policies.TryGetValue(PixelDojoSurface.RatePolicy, out var rules))
        {
            foreach (var rule in rules)
            {
                text.Line($"- {rule.Limit} requests per {Window(rule.Window)} per {rule.Partition.ToString().ToLowerInvariant()}, shared across all API endpoints.");
            }
        }

        text.Line("- Every answer carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (epoch seconds); over the limit → 429 rate_limit_exceeded with Retry-After.").Line();
    }

    private static void Errors(LlmsTextWriter text)
    {
        text.Section("Errors")
            .Line("Every error is JSON `{\"error\":{\"code\":\"...\",\"message\":\"...\",\"status\":<HTTP status>}}`.").Line()
            .Line("| code | status | meaning |")
            .Line("| --- | --- | --- |");
        foreach (var (code, status, description) in DojoErrors.Table)
        {
            text.Line($"| {code} | {status} | {description} |");
        }

        text.Line("| forbidden | 403 | The key lacks the endpoint's scope, or the account is suspended |")
            .Line("| job_finished | 409 | Cancel of a job that already finished |").Line();
    }

    private static void Webhooks(LlmsTextWriter text) => text.Section("Webhooks").Line("Give `webhook_url` in the run body. When the job completes, fails or is canceled, Tessera POSTs the job body (as GET /jobs/{jobId} returns it, without `webhook`) to that URL, signed the Standard Webhooks way: headers webhook-id, webhook-timestamp, webhook-signature = `v1,` + base64(HMAC-SHA256(key = base64-decode(secret after `whsec_`), \"{webhook-id}.{webhook-timestamp}.{raw body}\")). Get the secret at GET /webhook/secret. Non-2xx answers are retried (0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h); every attempt is listed at GET /jobs/{jobId}/webhook.").Line();

    private static void Models(LlmsTextWriter text, IModelRegistry registry)
    {
        text.Section("Models");
        foreach (var model in DojoModelEndpoints.DojoModels(registry))
        {
            var pricing = DojoModelEndpoints.Pricing(model);
            text.Line($"### {model.Id} — {model.Name} ({model.OutputKind}; {pricing.CreditCost.ToString(CultureInfo.InvariantCulture)} credits per {pricing.Unit})");
            text.Line();
            text.Line(model.Description);
            text.Line();
            text.Line("Input schema (POST /models/" + model.Id + "/run body):");
            text.Line();
            text.Line("```json");
            text.Line(ModelInputValidator.SchemaText(model).Trim());
            text.Line("```");
            text.Line();
        }
    }

    private static IEnumerable<string> CodesFor(int status) => status switch
    {
        403 => ["forbidden"],
        409 => ["job_finished"],
        _ => DojoErrors.Table.Where(e => e.Status == status).Select(e => e.Code).DefaultIfEmpty("error"),
    };

    private static string Window(TimeSpan window) => window switch
    {
        { TotalDays: 1 } => "day",
        { TotalHours: 1 } => "hour",
        { TotalMinutes: 1 } => "minute",
        { TotalSeconds: 1 } => "second",
        _ => window.ToString("c", CultureInfo.InvariantCulture),
    };
}
