using Tessera.Common;
using Tessera.Http;

namespace Tessera.Accounts;

/// <summary>
/// Enforces <see cref="KeyAccess"/> on the endpoint: 401 for a missing or refused key (the reason the authentication
/// handler recorded), 403 for a suspended account, a scope the key lacks, or an account key on the operator API;
/// each in the surface's error shape. A plain metadata check rather than ASP.NET's policy evaluation: the auth
/// benchmark showed the policy machinery was most of the key check's cost per request.
/// </summary>
internal sealed class KeyAccessMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var access = context.GetEndpoint()?.Metadata.GetMetadata<KeyAccess>();
        if (access is null || KeyAccessRule.Refusal(context, access) is not { } refusal)
        {
            return next(context);
        }

        return KeyAccessRule.WriteAsync(context, refusal);
    }
}

/// <summary>The check behind <see cref="KeyAccessMiddleware"/>, for routes whose access depends on more than their endpoint
/// (one OpenAPI route serves public documents and the operator's).</summary>
public static class KeyAccessRule
{
    /// <summary>Why the caller may not pass, or null when it may.</summary>
    public static Error? Refusal(HttpContext context, KeyAccess access)
    {
        var user = context.User;
        var accountId = TesseraClaims.AccountIdOf(user);
        if (access.Operator)
        {
            if (user.HasClaim(TesseraClaims.Operator, "true"))
            {
                return null;
            }

            return accountId is null
                ? ApiKeyAuthenticationHandler.FailureOf(context) with { Status = 401 }
                : Error.Forbidden("forbidden", "This route needs the operator key, not an account key.");
        }

        if (accountId is null)
        {
            return ApiKeyAuthenticationHandler.FailureOf(context) with { Status = 401 };
        }

        if (user.FindFirst(TesseraClaims.AccountStatus)?.Value != AccountStatus.Active)
        {
            return Error.Forbidden("account_suspended", "Account inactive or suspended.");
        }

        if (access.Scope is { } scope && !user.HasClaim(TesseraClaims.Scope, Scopes.All) && !user.HasClaim(TesseraClaims.Scope, scope))
        {
            return Error.Forbidden("forbidden", $"This key lacks the '{scope}' scope.");
        }

        return null;
    }

    /// <summary>Answers the refusal in the surface's shape; a 401 also challenges (<c>WWW-Authenticate: Bearer</c>).</summary>
    public static Task WriteAsync(HttpContext context, Error refusal)
    {
        if (refusal.Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return ErrorResponses.WriteAsync(context, refusal);
    }
}
