using System.Globalization;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Hosting;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

using Tessera.Http;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// <c>GET /llms.txt</c>: the surface as Markdown for an LLM — the submit-and-poll flow step by step, the job statuses
/// (<c>success</c> and <c>failure</c> are terminal), costs from the live model registry, how long output links live,
/// the limits, and every route from the routes' own metadata (<see cref="SurfaceRouteCatalog"/>).
/// </summary>
public static class PixelEngineLlmsText
{
    public static IEndpointRouteBuilder MapPixelEngineLlmsText(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        endpoints.MapGet(pathBase + "/llms.txt", (HttpContext context, SurfaceRouteCatalog catalog, IModelRegistry models, RateLimitPolicies limits,
                IOptions<AccountsOptions> accounts, IConfiguration configuration) =>
            Render(PublicBaseUrl.Of(context.Request, configuration), pathBase, catalog, models, limits, accounts.Value))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Render(string root, string pathBase, SurfaceRouteCatalog catalog, IModelRegistry models, RateLimitPolicies limits, AccountsOptions accounts)
    {
        var inv = CultureInfo.InvariantCulture;
        var api = root + pathBase + "/functions/v1";
        var cost = models.Find(DefaultModels.AnimateId)?.Pricing.Credits.ToString(inv) ?? "(the animate model is disabled: 503 model_unavailable)";
        var links = PixelEngineJobView.LinkLifetime.TotalMinutes.ToString("0", inv);
        var text = new LlmsTextWriter();
        text.Line("# Pixel Engine API (Tessera)").Line()
            .Line("> Sprite animation jobs: submit an image and a prompt, poll until the job finishes, download the animated GIF/WebP and its sprite sheet. Credits with holds; your own API keys.").Line()
            .Line($"Base URL: {api}")
            .Line($"OpenAPI: {root}{pathBase}/openapi.json").Line()
            .Section("Authentication")
            .Line("Every request: `Authorization: Bearer pe_sk_...` (any Tessera key of the account works). Body: JSON (`Content-Type: application/json`). All endpoints support CORS.")
            .Line($"A missing, malformed, deleted or deactivated key → 401 unauthorized. A key lacking the route's scope → 403 forbidden. At most {accounts.MaxKeysPerAccount} keys per account (deactivated ones count).").Line()
            .Section("Credits and costs")
            .Line($"- POST /animate: {cost} credits. A hold is placed for {PixelEngineAnimateEndpoints.HoldTimeout.TotalMinutes:0} minutes when the job is submitted; it is taken only when the job ends in `success`, released on `failure`.")
            .Line("- GET /balance, GET /jobs, the /keys routes: free.")
            .Line("- Monthly credits are spent before purchased credits. Not enough available → 402 insufficient_credits (no job, nothing held).").Line()
            .Section("Flow: animate a sprite")
            .Line("1. GET /balance → `{monthly, purchased, held, available}`; `available` must cover the cost.")
            .Line("2. POST /animate `{\"image\":\"<base64 PNG>\",\"prompt\":\"a character walking left\"}` → `{\"api_job_id\":\"...\",\"status\":\"queued\",\"error\":null}`. Send `Idempotency-Key` to make a retry safe.")
            .Line("3. GET /jobs?id=<api_job_id> every 3–5 seconds while `status` is `queued` or `pending`.")
            .Line($"4. Stop when `status` is `success` (terminal: `output.url` is the animated GIF or WebP, `output.spritesheet_url` the sprite sheet, `output.metadata` `{{frames, width, height, fps, motion, direction}}`) or `failure` (terminal: `error {{code, message}}`).")
            .Line($"5. Download the outputs: each link is signed and valid {links} minutes from the answer that gave it; GET /jobs again for fresh links. A job's files are deleted 24 h after submission (then GET /jobs → 410 expired).")
            .Line($"A job that has not finished within {PixelEngineAnimateEndpoints.Deadline.TotalMinutes:0} minutes fails.").Line()
            .Section("Job statuses")
            .Line("- `queued`: accepted, waiting for a worker.")
            .Line("- `pending`: running.")
            .Line("- `success`: terminal; output links are in `output`; the hold was taken.")
            .Line("- `failure`: terminal; `error` says why; no credits spent.").Line()
            .Section("Limits")
            .Line("- `image`: base64 PNG, JPEG, GIF or WebP, at most Tessera:Imaging:MaxBytes (5 MB by default). `prompt`: 1–4000 characters. `frames` 2–32 (default 8), `fps` 1–30 (default 12), `format` gif|webp.")
            .Line("- Too many requests → 429 rate_limit_exceeded with Retry-After.").Line()
            .Section("Errors")
            .Line("Every error is JSON `{\"error\":{\"code\":\"...\",\"message\":\"...\"}}`: 400 invalid_request / invalid_image, 401 unauthorized, 402 insufficient_credits, 403 forbidden, 404 job_not_found / not_found, 409 key_limit_reached / idempotency_in_progress, 410 expired, 422 idempotency_key_reused, 429 rate_limit_exceeded, 500 internal_error, 503 model_unavailable.").Line();
        text.Endpoints(catalog.For(PixelEngineSurface.Name), root, limits, _ => "");
        return text.ToResult();
    }
}
