using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Admin;

/// <summary>The operator's account and key routes (ARCHITECTURE.md contracts, DECISIONS.md "Operator API").</summary>
public static class AccountsAdminEndpoints
{
    public static RouteGroupBuilder MapAccountsAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/accounts", CreateAccount);
        admin.MapGet("/accounts", ListAccounts);
        admin.MapGet("/accounts/{id}", GetAccount);
        admin.MapPost("/accounts/{id}/suspend", (string id, AccountService accounts, CancellationToken ct) => SetAccountStatus(id, AccountStatus.Suspended, accounts, ct));
        admin.MapPost("/accounts/{id}/resume", (string id, AccountService accounts, CancellationToken ct) => SetAccountStatus(id, AccountStatus.Active, accounts, ct));

        admin.MapPost("/accounts/{id}/keys", CreateKey);
        admin.MapGet("/accounts/{id}/keys", ListKeys);
        admin.MapPatch("/keys/{keyId}", RenameKey);
        admin.MapDelete("/keys/{keyId}", DeleteKey);
        admin.MapPost("/keys/{keyId}/deactivate", (string keyId, ApiKeyService keys, CancellationToken ct) => SetKeyStatus(keyId, KeyStatus.Deactivated, keys, ct));
        admin.MapPost("/keys/{keyId}/reactivate", (string keyId, ApiKeyService keys, CancellationToken ct) => SetKeyStatus(keyId, KeyStatus.Active, keys, ct));
        admin.MapPost("/keys/{keyId}/revoke", (string keyId, ApiKeyService keys, CancellationToken ct) => SetKeyStatus(keyId, KeyStatus.Revoked, keys, ct));
        admin.MapPost("/keys/{keyId}/sub-keys", CreateSubKey);
        admin.MapGet("/keys/{keyId}/sub-keys", ListSubKeys);
        return admin;
    }

    private static async Task<Results<Created<AccountResponse>, ErrorResult>> CreateAccount(CreateAccountRequest request, AccountService accounts, CancellationToken ct)
    {
        var result = await accounts.CreateAsync(request.Name, cancellationToken: ct);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/v1/accounts/{result.Value.Id}", AccountResponse.From(result.Value))
            : new ErrorResult(result.Error);
    }

    private static async Task<Ok<AccountListResponse>> ListAccounts(AccountService accounts, CancellationToken ct, int limit = 100, string? after = null)
    {
        var page = await accounts.ListAsync(limit, after, ct);
        var next = page.Count == Math.Clamp(limit, 1, 500) ? page[^1].Id : null;
        return TypedResults.Ok(new AccountListResponse([.. page.Select(AccountResponse.From)], next));
    }

    private static async Task<Results<Ok<AccountResponse>, ErrorResult>> GetAccount(string id, AccountService accounts, CancellationToken ct) =>
        await accounts.FindAsync(id, ct) is { } account
            ? TypedResults.Ok(AccountResponse.From(account))
            : new ErrorResult(Error.NotFound($"No account '{id}'."));

    private static async Task<Results<Ok<AccountResponse>, ErrorResult>> SetAccountStatus(string id, string status, AccountService accounts, CancellationToken ct)
    {
        var result = await accounts.SetStatusAsync(id, status, ct);
        return result.IsSuccess ? TypedResults.Ok(AccountResponse.From(result.Value)) : new ErrorResult(result.Error);
    }

    private static async Task<Results<Created<CreatedKeyResponse>, ErrorResult>> CreateKey(
        string id, CreateKeyRequest? request, ApiKeyService keys, TimeProvider time, [Microsoft.AspNetCore.Mvc.FromServices] IEnumerable<SurfaceDescriptor> surfaces, CancellationToken ct)
    {
        var scopes = ParseScopes(request?.Scopes);
        if (!scopes.IsSuccess)
        {
            return new ErrorResult(scopes.Error);
        }

        var terms = KeyTerms.From(scopes.Value, request?.CreditLimit, request?.ExpiresDays, time.GetUtcNow());
        if (!terms.IsSuccess)
        {
            return new ErrorResult(terms.Error);
        }

        if (KeyFormat.PrefixForSurface(request?.Surface, surfaces) is not { } prefix)
        {
            var names = string.Join(", ", surfaces.Where(surface => surface.PublicDocument).Select(surface => surface.Name));
            return new ErrorResult(Error.Validation($"surface: must be one of {names} (or left out)."));
        }

        var result = await keys.CreateAsync(KeyIssuer.Operator, id, request?.Name, terms.Value, prefix, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/v1/keys/{result.Value.Key.Id}", CreatedKeyResponse.From(result.Value))
            : new ErrorResult(result.Error);
    }

    private static async Task<Results<Ok<KeyListResponse>, ErrorResult>> ListKeys(string id, AccountService accounts, ApiKeyService keys, CancellationToken ct)
    {
        if (await accounts.FindAsync(id, ct) is null)
        {
            return new ErrorResult(Error.NotFound($"No account '{id}'."));
        }

        var list = await keys.ListAsync(id, ct);
        return TypedResults.Ok(new KeyListResponse([.. list.Select(KeyResponse.From)]));
    }

    private static async Task<Results<Ok<KeyResponse>, ErrorResult>> RenameKey(string keyId, RenameKeyRequest request, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.RenameAsync(keyId, request.Name, ct);
        return result.IsSuccess ? TypedResults.Ok(KeyResponse.From(result.Value)) : new ErrorResult(result.Error);
    }

    private static async Task<Results<NoContent, ErrorResult>> DeleteKey(string keyId, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.DeleteAsync(keyId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : new ErrorResult(result.Error);
    }

    private static async Task<Results<Ok<KeyResponse>, ErrorResult>> SetKeyStatus(string keyId, string status, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.SetStatusAsync(keyId, status, KeyActor.Operator, ct);
        return result.IsSuccess ? TypedResults.Ok(KeyResponse.From(result.Value)) : new ErrorResult(result.Error);
    }

    private static async Task<Results<Created<CreatedKeyResponse>, ErrorResult>> CreateSubKey(string keyId, CreateSubKeyRequest? request, ApiKeyService keys, CancellationToken ct)
    {
        var scopes = ParseScopes(request?.Scopes);
        if (!scopes.IsSuccess)
        {
            return new ErrorResult(scopes.Error);
        }

        var result = await keys.CreateSubKeyAsync(keyId, request?.Label, request?.CreditLimit, scopes.Value, request?.ExpiresDays, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/v1/keys/{result.Value.Key.Id}", CreatedKeyResponse.From(result.Value))
            : new ErrorResult(result.Error);
    }

    /// <summary>Null (every scope) when none are named; a validation error naming the first unknown one.</summary>
    private static Result<IReadOnlySet<string>?> ParseScopes(string[]? requested)
    {
        if (requested is null)
        {
            return Result<IReadOnlySet<string>?>.Ok(null);
        }

        var scopes = Scopes.Parse(requested, out var unknown);
        return scopes is null
            ? Error.Validation($"Unknown scope '{unknown}'. Known: {string.Join(", ", Scopes.Known.Order(StringComparer.Ordinal))}.")
            : Result<IReadOnlySet<string>?>.Ok(scopes);
    }

    private static async Task<Ok<KeyListResponse>> ListSubKeys(string keyId, ApiKeyService keys, CancellationToken ct)
    {
        var list = await keys.ListSubKeysAsync(keyId, ct);
        return TypedResults.Ok(new KeyListResponse([.. list.Select(KeyResponse.From)]));
    }
}
