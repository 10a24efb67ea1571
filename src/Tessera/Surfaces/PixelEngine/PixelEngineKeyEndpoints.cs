using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// The account's own key management (the doc's "Account → API" page, as routes; docs/pixel-engine.md lists them):
/// list, create (<c>pe_sk_</c>, shown once, at most 10 per account counting deactivated ones), rename, deactivate,
/// reactivate, delete. Any active account key of the account may manage its keys (scope <c>keys</c>); a sub-key may not,
/// and no route reaches another account's keys (they are 404, as if they did not exist). A new key is bounded by the
/// key that makes it (<see cref="KeyIssuance"/>); a key the operator deactivated stays deactivated (403).
/// </summary>
public static class PixelEngineKeyEndpoints
{
    public static RouteGroupBuilder MapPixelEngineKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").RequireKey(Scopes.Keys);
        keys.MapGet("", ListKeys)
            .Documented(PixelEngineSurface.Sections.Authentication, "List keys", "Your account's keys (never the secret; `prefix` identifies each).",
                response: """{"keys":[{"id":"...","name":"ci","prefix":"pe_sk_ab12cd34","status":"active","created_at":"..."}],"count":1}""");
        keys.MapPost("", CreateKey)
            .Documented(PixelEngineSurface.Sections.Authentication, "Create a key", "A new key, shown once in `key`. At most 10 keys per account (deactivated ones count).",
                """{"name":"ci"}""", """{"id":"...","name":"ci","key":"pe_sk_...","prefix":"pe_sk_ab12cd34","status":"active","created_at":"..."}""");
        keys.MapPatch("/{keyId}", RenameKey)
            .Documented(PixelEngineSurface.Sections.Authentication, "Rename a key", "Renames one of your keys.", """{"name":"new name"}""");
        keys.MapPost("/{keyId}/deactivate", (string keyId, HttpContext context, ApiKeyService service, CancellationToken ct) =>
            SetStatus(keyId, KeyStatus.Deactivated, context, service, ct))
            .Documented(PixelEngineSurface.Sections.Authentication, "Deactivate a key", "Pauses a key without deleting it: it answers 401 until reactivated. No body.");
        keys.MapPost("/{keyId}/reactivate", (string keyId, HttpContext context, ApiKeyService service, CancellationToken ct) =>
            SetStatus(keyId, KeyStatus.Active, context, service, ct))
            .Documented(PixelEngineSurface.Sections.Authentication, "Reactivate a key", "Makes a deactivated key work again. No body.");
        keys.MapDelete("/{keyId}", DeleteKey)
            .Documented(PixelEngineSurface.Sections.Authentication, "Delete a key", "Deletes a key for good (204).");
        return api;
    }

    private static async Task<Results<Ok<KeyListResponse>, ErrorResult>> ListKeys(HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        if (await CallerAccountAsync(context, keys, ct) is not { IsSuccess: true } caller)
        {
            return new ErrorResult(SubKeyRefused);
        }

        var list = await keys.ListAsync(caller.Value, ct);
        return TypedResults.Ok(new KeyListResponse([.. list.Select(KeyResponse.From)], list.Count));
    }

    private static async Task<Results<Created<CreatedKeyResponse>, ErrorResult>> CreateKey(
        CreateKeyRequest? request, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var caller = await CallerAccountAsync(context, keys, ct);
        if (!caller.IsSuccess)
        {
            return new ErrorResult(caller.Error);
        }

        // Bounded by the calling key: a key with only the `keys` scope makes keys with only the `keys` scope.
        var issuer = KeyIssuer.Key(TesseraClaims.KeyIdOf(context.User)!);
        var created = await keys.CreateAsync(issuer, caller.Value, request?.Name, KeyTerms.AsIssuer, PixelEngineEndpoints.KeyPrefix, ct);
        if (!created.IsSuccess)
        {
            return new ErrorResult(created.Error);
        }

        var key = created.Value.Key;
        return TypedResults.Created(
            $"{context.Request.PathBase}{context.Request.Path}/{key.Id}",
            new CreatedKeyResponse(key.Id, key.Name, created.Value.Text, key.Prefix, key.Status, key.CreatedAt));
    }

    private static async Task<Results<Ok<KeyResponse>, ErrorResult>> RenameKey(
        string keyId, RenameKeyRequest? request, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var owned = await OwnedKeyAsync(keyId, context, keys, ct);
        if (!owned.IsSuccess)
        {
            return new ErrorResult(owned.Error);
        }

        var renamed = await keys.RenameAsync(keyId, request?.Name, ct);
        return renamed.IsSuccess ? TypedResults.Ok(KeyResponse.From(renamed.Value)) : new ErrorResult(renamed.Error);
    }

    private static async Task<Results<Ok<KeyResponse>, ErrorResult>> SetStatus(
        string keyId, string status, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var owned = await OwnedKeyAsync(keyId, context, keys, ct);
        if (!owned.IsSuccess)
        {
            return new ErrorResult(owned.Error);
        }

        var changed = await keys.SetStatusAsync(keyId, status, KeyActor.Account, ct);
        return changed.IsSuccess ? TypedResults.Ok(KeyResponse.From(changed.Value)) : new ErrorResult(changed.Error);
    }

    private static async Task<Results<NoContent, ErrorResult>> DeleteKey(string keyId, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var owned = await OwnedKeyAsync(keyId, context, keys, ct);
        if (!owned.IsSuccess)
        {
            return new ErrorResult(owned.Error);
        }

        var deleted = await keys.DeleteAsync(keyId, ct);
        return deleted.IsSuccess ? TypedResults.NoContent() : new ErrorResult(deleted.Error);
    }

    private static readonly Error SubKeyRefused = Error.Forbidden("forbidden", "Sub-keys cannot manage keys; use an account key.");

    /// <summary>The caller's account, when the caller is an account key (not a sub-key).</summary>
    private static async Task<Result<string>> CallerAccountAsync(HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var key = await CallerKeyAsync(context, keys, ct);
        return key.IsSuccess ? key.Value.AccountId : key.Error;
    }

    private static async Task<Result<ApiKey>> CallerKeyAsync(HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var key = await keys.FindAsync(TesseraClaims.KeyIdOf(context.User)!, ct);
        return key is null || key.ParentKeyId is not null ? SubKeyRefused : key;
    }

    private static async Task<Result<ApiKey>> OwnedKeyAsync(string keyId, HttpContext context, ApiKeyService keys, CancellationToken ct)
    {
        var caller = await CallerKeyAsync(context, keys, ct);
        if (!caller.IsSuccess)
        {
            return caller.Error;
        }

        var key = await keys.FindAsync(keyId, ct);
        if (key is null || key.AccountId != caller.Value.AccountId || key.ParentKeyId is not null)
        {
            return Error.NotFound($"No key '{keyId}'.");
        }

        var allowed = KeyIssuance.MayManage(caller.Value, key);
        return allowed.IsSuccess ? key : allowed.Error;
    }
}

public sealed record CreateKeyRequest(string? Name);

public sealed record RenameKeyRequest(string? Name);

/// <summary>A key as listed: never its text, only the prefix kept for identification (<c>pe_sk_ab12cd34…</c>).</summary>
public sealed record KeyResponse(string Id, string? Name, string Prefix, string Status, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static KeyResponse From(ApiKey key) => new(key.Id, key.Name, key.Prefix + "…", key.Status, key.CreatedAt);
}

public sealed record KeyListResponse(IReadOnlyList<KeyResponse> Keys, int Count);

/// <summary>A new key: <see cref="Key"/> is its full text, shown this once.</summary>
public sealed record CreatedKeyResponse(string Id, string? Name, string Key, string Prefix, string Status, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
