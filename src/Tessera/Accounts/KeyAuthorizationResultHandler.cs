using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Tessera.Common;
using Tessera.Surfaces;

namespace Tessera.Accounts;

/// <summary>Answers refused requests in the surface's error shape: 401 for key faults, 403 for scope or suspension.</summary>
internal sealed class KeyAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var reason = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<KeyFailureReason>().FirstOrDefault();
        if (reason is not null)
        {
            return ErrorResponses.WriteAsync(context, reason.Error);
        }

        var error = ApiKeyAuthenticationHandler.FailureOf(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorResponses.WriteAsync(context, error with { Status = 401 });
    }
}
