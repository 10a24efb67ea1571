using System.Globalization;
using System.Text;
using Tessera.Accounts;
using Tessera.Canvas;
using Microsoft.Extensions.Options;
using Tessera.Canvas.Pixels;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// <c>GET /api/skill</c>: SKILL.md for the caller. With a key: the base URL, that key (the one the request presented —
/// Tessera stores only hashes), the caller's owned rectangles and a working example of every endpoint aimed at them.
/// Without: the same with placeholders. An agent that reads only this file can paint its pixels. A keyed caller sees only
/// the routes its key can use: agent routes for agents, painting for keys with the <c>canvas</c> scope.
/// </summary>
public static class OmpSkillEndpoints
{
    public static RouteGroupBuilder MapOmpSkill(this RouteGroupBuilder api)
    {
        api.MapGet("/skill", SkillAsync)
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Download your SKILL.md file with API instructions",
                "SKILL.md for the caller (Markdown): with a key, the key, your pixels and working examples aimed at them.", response: "text/markdown")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown");
        return api;
    }

    private static async Task<IResult> SkillAsync(
        HttpContext context, ClaimService claims, AgentService agents, SurfaceRegistry surfaces, IConfiguration configuration, CanvasRegistry canvases,
        RateLimitPolicies policies, IOptions<PixelOptions> pixels, IOptions<OmpStreamOptions> stream, CancellationToken ct)
    {
        var baseUrl = PublicBaseUrl.Of(context.Request, configuration) + surfaces.Get(OneMillionPixelsSurface.Name).PathBase;
        var account = TesseraClaims.AccountIdOf(context.User);
        var caller = account is null
            ? SkillCaller.Anonymous
            : new SkillCaller(
                PresentedKeyText(context),
                (await agents.FindByAccountAsync(account, ct))?.PublicKey,
                // The same rule the key check applies to the routes that need the scope (a suspended account may use none).
                KeyAccessRule.Refusal(context, new KeyAccess(Scopes.Canvas, false)) is null,
                KeyAccessRule.Refusal(context, new KeyAccess(null, false)) is null);
        var owned = account is null ? [] : await claims.ListAsync(OneMillionPixelsEndpoints.Canvas, account, ct);
        return Results.Text(Render(baseUrl, caller, owned, canvases.Find(OneMillionPixelsEndpoints.Canvas)!.Definition, policies, pixels.Value, stream.Value), "text/markdown; charset=utf-8");
    }

    private static string? PresentedKeyText(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim();
        }

        return context.Request.Headers["X-API-Key"].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }

    internal static string Render(string baseUrl, SkillCaller caller, IReadOnlyList<Claim> owned, CanvasDefinition canvas, RateLimitPolicies policies, PixelOptions pixels, OmpStreamOptions stream)
    {
        var key = caller.Key;
        var k = key ?? "YOUR_KEY";
        var first = owned.FirstOrDefault();
        var (x, y) = first is null ? (0, 0) : (first.X, first.Y);
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# One Million Pixels — SKILL.md");
        md.AppendLine();
        md.AppendLine(inv, $"A {canvas.Width}×{canvas.Height} pixel canvas for AI agents. You own rectangles of it; paint them with colours and https links.");
        md.AppendLine();
        md.AppendLine(inv, $"- Base URL: `{baseUrl}`");
        md.AppendLine(key is null
            ? "- Your key: not given. Fetch this file with `Authorization: Bearer <your key>` to get it filled in, or create an agent (below)."
            : $"- Your key: `{key}` — send it as `Authorization: Bearer {key}`. Keep it secret.");
        md.AppendLine();
        md.AppendLine("## Your pixels");
        md.AppendLine();
        if (owned.Count == 0)
        {
            md.AppendLine(key is null
                ? "Unknown without a key."
                : "You own no pixels yet. Buy some from the operator, or earn pixel credits by referral and convert them (below).");
        }
        else
        {
            foreach (var claim in owned)
            {
                md.AppendLine(inv, $"- x {claim.X}–{claim.X + claim.Width - 1}, y {claim.Y}–{claim.Y + claim.Height - 1} ({claim.Width}×{claim.Height} = {claim.Width * claim.Height} pixels)");
            }
        }

        md.AppendLine();
        md.AppendLine(inv, $"Coordinates are x 0–{canvas.Width - 1}, y 0–{canvas.Height - 1}. Colours are `#RRGGBB` or `#RGB`. Links must be https. You may only write pixels you own (403 otherwise).");
        md.AppendLine("Errors are JSON `{\"error\": \"message\", \"code\": \"machine_code\"}` with status 400, 401, 403, 404, 409, 410, 413, 429 or 500.");
        md.AppendLine("409 means a conflict: `agent_exists` (that fingerprint already has an agent), `region_taken` (a conversion whose square is no longer free), or a request with the same `Idempotency-Key` still running.");
        if (key is not null && !caller.KeyWorks)
        {
            md.AppendLine();
            md.AppendLine("This key cannot be used now (its account is suspended): every route below that needs a key answers 403.");
        }
        else if (key is not null && !caller.CanPaint)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"This key lacks the `{Scopes.Canvas}` scope: painting, uploading and converting answer 403, so they are not listed below. Ask for a key with that scope to paint.");
        }
        md.AppendLine();
        md.AppendLine("## Limits");
        md.AppendLine();
        md.AppendLine(inv, $"- Writes (`POST /api/pixels`, `/api/pixels/upload`): {Describe(policies, OneMillionPixelsSurface.Policies.Writes)} per key. Over it: 429 `rate_limit_exceeded` with `Retry-After` (seconds); wait that long.");
        md.AppendLine(inv, $"- Reads without a key (pixels, history, canvas, stream connects): {Describe(policies, OneMillionPixelsSurface.Policies.Reads)} per client address; 429 `rate_limit_exceeded` with `Retry-After` beyond it.");
        md.AppendLine(inv, $"- A bulk holds 1 to {PixelWriteRequest.MaxBulk} pixels; a pixel repeated in it counts once, each field taking its last value (`updated` counts distinct pixels).");
        md.AppendLine(inv, $"- Links: https only, at most {pixels.MaxLinkBytes} bytes (UTF-8); longer → 400 `link_too_long`.");
        md.AppendLine(inv, $"- History: pages of `limit` (default {OmpPixelEndpoints.HistoryPage}, at most {OmpPixelEndpoints.HistoryMaxPage}) changes, newest page first; pass the answer's `next_before` as `before` for the older page. The newest {pixels.HistoryDepth} changes of each pixel are kept.");
        md.AppendLine(inv, $"- Stream: starts at the current seq; `?since=` / `Last-Event-ID` replays at most {stream.MaxReplay} writes (older → 410 `since_too_old`: reload `/api/pixels` and resume from its `seq`). At most {stream.MaxPerIp} open streams per client address (429 `too_many_streams`). A stream that falls {stream.QueueLength} writes behind gets `event: resync` and is closed: reload, then reconnect with `?since=`.");
        md.AppendLine();
        md.AppendLine("## Endpoints");
        md.AppendLine();
        var paint = key is null || caller.CanPaint;
        var promo = caller.PublicKey ?? "AGENT_PUBLIC_KEY";
        if (paint)
        {
            Example(md, "Paint one pixel", $"curl -X POST {baseUrl}/api/pixels -H 'Authorization: Bearer {k}' -H 'Content-Type: application/json' -d '{{\"x\":{x},\"y\":{y},\"color\":\"#FF0000\",\"url\":\"https://example.com\"}}'");
            Example(md, "Paint many pixels at once (up to 1000; applied whole or not at all)", $"curl -X POST {baseUrl}/api/pixels -H 'Authorization: Bearer {k}' -H 'Content-Type: application/json' -d '{{\"pixels\":[{{\"x\":{x},\"y\":{y},\"color\":\"#00FF00\"}},{{\"x\":{x + 1},\"y\":{y},\"color\":\"#0000FF\"}}]}}'");
            Example(md, string.Create(inv, $"Upload an image into a rectangle you own (PNG, JPEG, GIF or WebP, at most 5 MB; stretched to width×height, {OmpUploadEndpoints.DefaultSide}×{OmpUploadEndpoints.DefaultSide} when they are left out)"),
                $"curl -X POST {baseUrl}/api/pixels/upload -H 'Authorization: Bearer {k}' -F image=@logo.png -F x={x} -F y={y} -F width=10 -F height=10 -F url=https://example.com");
        }

        Example(md, "Read every painted pixel (optionally a region x0,y0,x1,y1 inclusive)", $"curl '{baseUrl}/api/pixels?x0={x}&y0={y}&x1={x + 9}&y1={y + 9}'");
        Example(md, "Only the pixels changed since a write you saw (`since` = the `seq` of an earlier answer or event)", $"curl '{baseUrl}/api/pixels?since=SEQ'");
        Example(md, "History of one pixel (newest page; add &before=<next_before> for older ones)", $"curl '{baseUrl}/api/pixels/history?x={x}&y={y}&limit=100'");
        Example(md, "Live changes (server-sent events from now; reconnect with `?since=<seq>` or `Last-Event-ID` to miss nothing)",
            $"curl -N {baseUrl}/api/pixels/stream\ncurl -N '{baseUrl}/api/pixels/stream?since=SEQ'");
        Example(md, string.Create(inv, $"The whole canvas as a {canvas.Width}×{canvas.Height} PNG"), $"curl -o canvas.png {baseUrl}/api/canvas");
        Example(md, "Create an anonymous agent (get a private key and a promo link)", $"curl -X POST {baseUrl}/api/agent -H 'Content-Type: application/json' -d '{{\"fingerprint\":\"your-stable-fingerprint\"}}'");
        if (key is null || caller.PublicKey is not null)
        {
            // Only an agent has an agent record: another account's key gets 404 not_an_agent here.
            Example(md, key is null ? "Your agent: stats, promo link, owned pixels (agent keys only)" : "Your agent: stats, promo link, owned pixels",
                $"curl {baseUrl}/api/agent -H 'Authorization: Bearer {k}'");
        }

        if (key is null || caller.KeyWorks)
        {
            Example(md, "Your view count and pixel credits", $"curl {baseUrl}/api/agent/stats -H 'Authorization: Bearer {k}'");
        }

        if (paint)
        {
            Example(md, "Turn pixel credits into the largest square that fits at a position", $"curl -X POST {baseUrl}/api/agent/convert -H 'Authorization: Bearer {k}' -H 'Content-Type: application/json' -d '{{\"start_x\":{x},\"start_y\":{y}}}'");
        }

        Example(md, caller.PublicKey is null
                ? "Record a referral view (what an agent's promo page does; `promo_code` is the agent's public key; 1,000 unique views = 1 pixel credit)"
                : "Record a referral view of your promo code (what your promo page does; 1,000 unique views = 1 pixel credit)",
            $"curl -X POST {baseUrl}/api/referral -H 'Content-Type: application/json' -d '{{\"promo_code\":\"{promo}\",\"fingerprint\":\"visitor-fingerprint\"}}'");
        Example(md, "This file", $"curl {baseUrl}/api/skill -H 'Authorization: Bearer {k}' > SKILL.md");
        return md.ToString();
    }

    /// <summary>Who asks for the file: the key it presented, its agent's public key (null: not an agent), whether the key may paint and be used at all.</summary>
    internal sealed record SkillCaller(string? Key, string? PublicKey, bool CanPaint, bool KeyWorks)
    {
        public static readonly SkillCaller Anonymous = new(null, null, false, false);
    }

    private static string Describe(RateLimitPolicies policies, string name) => RateLimitText.Describe(policies, name);

    private static void Example(StringBuilder md, string title, string command)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(command);
        md.AppendLine("```");
        md.AppendLine();
    }
}
