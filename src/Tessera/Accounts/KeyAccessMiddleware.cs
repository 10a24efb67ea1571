using Tessera.Common;
using Tessera.Surfaces;

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
        if (access is null)
        {
            return next(context);
        }

        var user = context.User;
        var accountId = TesseraClaims.AccountIdOf(user);
        if (access.Operator)
        {
            if (user.HasClaim(TesseraClaims.Operator, "true"))
            {
                return next(context);
            }

            return accountId is null
                ? Challenge(context)
                : ErrorResponses.WriteAsync(context, Error.Forbidden("forbidden", "The operator API needs the operator key, not an account key."));
        }

        if (accountId is null)
        {
            return Challenge(context);
        }

        if (user.FindFirst(TesseraClaims.AccountStatus)?.Value != AccountStatus.Active)
        {
            return ErrorResponses.WriteAsync(context, Error.Forbidden("account_suspended", "Account inactive or suspended."));
        }

        if (access.Scope is { } scope && !user.HasClaim(TesseraClaims.Scope, Scopes.All) && !user.HasClaim(TesseraClaims.Scope, scope))
        {
            return ErrorResponses.WriteAsync(context, Error.Forbidden("forbidden", $"This key lacks the '{scope}' scope."));
        }

        return next(context);
    }

    private static Task Challenge(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorResponses.WriteAsync(context, ApiKeyAuthenticationHandler.FailureOf(context) with { Status = 401 });
    }
}
