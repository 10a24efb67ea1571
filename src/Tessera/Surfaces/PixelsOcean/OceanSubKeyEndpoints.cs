using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST|GET /api/platform/sub-keys</c>, <c>POST /api/platform/sub-keys/{key}/revoke</c> (seed: "Create restricted API keys
/// for teammates or apps"): the Accounts module's sub-keys (<see cref="ApiKeyService.CreateSubKeyAsync"/>, bounded by the
/// key that makes them through <see cref="KeyIssuance"/>) with the doc's fields. The surface only translates the doc's four
/// scopes; the rules are the Accounts module's. Another account's sub-key is a 404; a key's text is never echoed or logged.
/// </summary>
public static class OceanSubKeyEndpoints
{
    /// <summary>The scopes the doc offers a sub-key.</summary>
    public static readonly IReadOnlyList<string> OfferedScopes = [Scopes.Scrape, Scopes.Generate, Scopes.Search, Scopes.Media];

    public static RouteGroupBuilder MapOceanSubKeys(this RouteGroupBuilder subKeys)
    {
        subKeys.MapPost("", CreateAsync).WithRequestBody<SubKeyBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.Platform, "Create a sub-key",
                "`label` (at most 100 characters); `credit_limit` requests it may make (default 50, at most what the making key has left); `scopes` comma-separated from scrape, generate, search, media (default all four that your key holds; a scope your key lacks is 403; scrape and generate also let it poll its jobs); `expires_days` 1–3650 (default: no expiry, or your key's). The key (`sk_...`) is shown this once. Made by an account key holding the `keys` scope, never by a sub-key.",
                """{"label":"CI Pipeline Key","credit_limit":200,"scopes":"scrape,search","expires_days":90}""",
                """{"success":true,"id":"q3xk2m7ab4cd","sub_key":"sk_q3xk2m7ab4cd_...","label":"CI Pipeline Key","credit_limit":200,"scopes":"scrape,search,jobs","expires_at":"2026-07-08T00:00:00Z"}""");
        subKeys.MapGet("", ListAsync)
            .Documented(PixelsOceanSurface.Sections.Platform, "List sub-keys",
                "Every sub-key of your account with its usage: `used` requests of `credit_limit`, `remaining`, `status` (active · revoked · deactivated), `expires_at`, `last_used` is not tracked. Never the key itself: `prefix` identifies it.",
                response: """{"success":true,"sub_keys":[{"id":"q3xk2m7ab4cd","prefix":"sk_q3xk2m7ab4cd…","label":"CI Pipeline Key","scopes":"jobs,scrape,search","credit_limit":200,"used":17,"remaining":183,"status":"active","expires_at":"2026-07-08T00:00:00Z","created_at":"2026-04-09T10:00:00Z"}],"count":1}""");
        subKeys.MapPost("/{key}/revoke", RevokeAsync)
            .Documented(PixelsOceanSurface.Sections.Platform, "Revoke a sub-key",
                "`{key}` is the sub-key's `id` (preferred: it keeps the key out of URLs) or the key itself (`sk_...`). From the next request on it answers 401, on every node. Revoking is final and may be repeated.",
                response: """{"success":true,"id":"q3xk2m7ab4cd","status":"revoked"}""");
        return subKeys;
    }

    public sealed record SubKeyBody(
        string? Label, [property: JsonPropertyName("credit_limit")] long? CreditLimit, string? Scopes, [property: JsonPropertyName("expires_days")] int? ExpiresDays);

    public sealed record CreatedSubKey(
        bool Success, string Id, [property: JsonPropertyName("sub_key")] string SubKey, string? Label, [property: JsonPropertyName("credit_limit")] long? CreditLimit,
        string Scopes, [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

    public sealed record SubKeyView(
        string Id, string Prefix, string? Label, string Scopes, [property: JsonPropertyName("credit_limit")] long? CreditLimit, long Used, long? Remaining,
        string Status, [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static SubKeyView From(ApiKey key) => new(
            key.Id, key.Prefix + "…", key.Name, ScopesText(key), key.CreditLimit, key.Used,
            key.CreditLimit is { } limit ? Math.Max(0, limit - key.Used) : null, key.Status, key.ExpiresAt, key.CreatedAt);
    }

    public sealed record SubKeyList(bool Success, [property: JsonPropertyName("sub_keys")] IReadOnlyList<SubKeyView> SubKeys, int Count);

    public sealed record RevokedSubKey(bool Success, string Id, string Status);

    private static readonly Error MadeBySubKey = Error.Forbidden("forbidden", "Sub-keys cannot make or revoke sub-keys; use an account key.");

    private static readonly Error NoSuchSubKey = Error.NotFound("No such sub-key in your account.");

    private static async Task<IResult> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var maker = await CallerKeyAsync(context, keys, ct);
        if (!maker.IsSuccess)
        {
            return new ErrorResult(maker.Error);
        }

        var json = OceanInput.Object(body);
        var label = json.IsSuccess ? OceanInput.String(json.Value, "label") : json.Error;
        var limit = json.IsSuccess ? OceanInput.IntField(json.Value, "credit_limit", 0, 1, 1_000_000_000) : json.Error;
        var days = json.IsSuccess ? OceanInput.IntField(json.Value, "expires_days", 0, 1, 3650) : json.Error;
        var scopes = json.IsSuccess ? ParseScopes(json.Value, Scopes.Deserialize(maker.Value.Scopes)) : json.Error;
        if ((!label.IsSuccess ? label.Error : !limit.IsSuccess ? limit.Error : !days.IsSuccess ? days.Error : !scopes.IsSuccess ? scopes.Error : null) is { } error)
        {
            return new ErrorResult(error);
        }

        var created = await keys.CreateSubKeyAsync(
            maker.Value.Id, label.Value.Value, limit.Value == 0 ? null : limit.Value, scopes.Value, days.Value == 0 ? null : days.Value, ct);
        if (!created.IsSuccess)
        {
            return new ErrorResult(created.Error);
        }

        var key = created.Value.Key;
        return TypedResults.Created(
            $"{context.Request.PathBase}{context.Request.Path}/{key.Id}",
            new CreatedSubKey(true, key.Id, created.Value.Text, key.Name, key.CreditLimit, ScopesText(key), key.ExpiresAt));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var list = await keys.ListAccountSubKeysAsync(OceanAccount.Of(context), ct);
        return TypedResults.Ok(new SubKeyList(true, [.. list.Select(SubKeyView.From)], list.Count));
    }

    private static async Task<IResult> RevokeAsync(string key, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var caller = await CallerKeyAsync(context, keys, ct);
        if (!caller.IsSuccess)
        {
            return new ErrorResult(caller.Error);
        }

        if (await keys.FindSubKeyAsync(caller.Value.AccountId, key, ct) is not { } target)
        {
            return new ErrorResult(NoSuchSubKey);
        }

        var allowed = KeyIssuance.MayManage(caller.Value, target);
        if (!allowed.IsSuccess)
        {
            return new ErrorResult(allowed.Error);
        }

        var revoked = await keys.SetStatusAsync(target.Id, KeyStatus.Revoked, KeyActor.Account, ct);
        return revoked.IsSuccess ? TypedResults.Ok(new RevokedSubKey(true, target.Id, revoked.Value.Status)) : new ErrorResult(revoked.Error);
    }

    /// <summary>The calling key, when it is an account key (a sub-key makes no keys).</summary>
    private static async Task<Result<ApiKey>> CallerKeyAsync(HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var key = TesseraClaims.KeyIdOf(context.User) is { } id ? await keys.FindAsync(id, ct) : null;
        return key is null || key.ParentKeyId is not null ? MadeBySubKey : key;
    }

    /// <summary>
    /// The doc's comma-separated scopes (a JSON array too), only from <see cref="OfferedScopes"/>; none named = those of the
    /// four the maker holds. A sub-key that may scrape or generate may also read its jobs (<c>jobs</c>), when its maker may:
    /// otherwise it could start a scrape and never see the result.
    /// </summary>
    private static Result<IReadOnlySet<string>?> ParseScopes(JsonElement body, IReadOnlySet<string>? held)
    {
        IEnumerable<string> named;
        if (!body.TryGetProperty("scopes", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            named = OfferedScopes.Where(scope => held is null || held.Contains(scope));
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            named = [value.GetString()!];
        }
        else if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
        {
            named = [.. value.EnumerateArray().Select(item => item.GetString()!)];
        }
        else
        {
            return Error.Validation("'scopes' must be a comma-separated string (or an array) of scrape, generate, search, media.");
        }

        var scopes = Scopes.Parse(named, out var unknown);
        unknown ??= scopes?.FirstOrDefault(scope => !OfferedScopes.Contains(scope));
        if (unknown is not null)
        {
            return Error.Validation($"'scopes': unknown scope '{unknown}'; a sub-key takes scrape, generate, search, media.");
        }

        if (scopes!.Count == 0)
        {
            return Error.Validation("'scopes' names none of scrape, generate, search, media (or your key holds none of them).");
        }

        var granted = new SortedSet<string>(scopes, StringComparer.Ordinal);
        if ((granted.Contains(Scopes.Scrape) || granted.Contains(Scopes.Generate)) && (held is null || held.Contains(Scopes.Jobs)))
        {
            granted.Add(Scopes.Jobs);
        }

        return Result<IReadOnlySet<string>?>.Ok(granted);
    }

    /// <summary>The key's scopes as the doc writes them: comma-separated.</summary>
    private static string ScopesText(ApiKey key) =>
        Scopes.Deserialize(key.Scopes) is { } scopes ? string.Join(',', scopes.Order(StringComparer.Ordinal)) : string.Join(',', OfferedScopes);
}
