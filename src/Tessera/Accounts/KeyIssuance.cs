using Tessera.Common;

namespace Tessera.Accounts;

/// <summary>
/// The one rule for every route that makes keys (the operator's key and sub-key routes, Pixel Engine's key routes,
/// sub-keys on any surface): a key never makes a key that can do more than itself. Its scopes are a subset of the
/// issuer's (none named = the issuer's scopes, never "all"), its budget at most the issuer's remaining budget, its expiry
/// no later than the issuer's. Asking for more is 403, not a silent cut, so a client learns what it got.
/// See docs/security.md ("Keys and scopes").
/// </summary>
public static class KeyIssuance
{
    /// <param name="issuer">The key the new key is bounded by; null for the operator, who may grant anything.</param>
    public static Result<KeyTerms> Bound(ApiKey? issuer, KeyTerms requested, DateTimeOffset now)
    {
        if (issuer is null)
        {
            return requested;
        }

        if (issuer.Status != KeyStatus.Active || issuer.ExpiresAt <= now)
        {
            return Refused("A key that is not active cannot make keys.");
        }

        var held = Scopes.Deserialize(issuer.Scopes);
        if (held is not null && requested.Scopes?.FirstOrDefault(scope => !held.Contains(scope)) is { } extra)
        {
            return Refused($"A key cannot grant the '{extra}' scope it lacks itself.");
        }

        long? remaining = issuer.CreditLimit is { } limit ? Math.Max(0, limit - issuer.Used) : null;
        if (remaining is { } left && requested.Budget > left)
        {
            return Refused($"A key cannot grant a budget of {requested.Budget} requests; it has {left} left itself.");
        }

        if (issuer.ExpiresAt is { } issuerExpires && requested.ExpiresAt > issuerExpires)
        {
            return Refused($"A key cannot outlive the key that makes it (that one expires at {issuerExpires:O}).");
        }

        return new KeyTerms(requested.Scopes ?? held, requested.Budget ?? remaining, requested.ExpiresAt ?? issuer.ExpiresAt);
    }

    /// <summary>
    /// A key may rename, deactivate, reactivate or delete only a key that can do no more than itself: one holding only
    /// the <c>keys</c> scope cannot switch off (or on) the account's full-power key.
    /// </summary>
    public static Result<bool> MayManage(ApiKey manager, ApiKey target)
    {
        var held = Scopes.Deserialize(manager.Scopes);
        if (held is null)
        {
            return true;
        }

        var targetScopes = Scopes.Deserialize(target.Scopes);
        if (targetScopes is null)
        {
            return Refused("A scoped key cannot change a key that holds every scope.");
        }

        return targetScopes.FirstOrDefault(scope => !held.Contains(scope)) is { } extra
            ? Refused($"A key cannot change a key that holds the '{extra}' scope it lacks itself.")
            : true;
    }

    private static Error Refused(string message) => Error.Forbidden("forbidden", message);
}
