using Microsoft.AspNetCore.Authorization;
using Tessera.Common;

namespace Tessera.Accounts;

/// <summary>An endpoint needs an account key (of an active account), with <see cref="Scope"/> when one is named.</summary>
internal sealed class KeyRequirement(string? scope) : IAuthorizationRequirement
{
    public string? Scope { get; } = scope;
}

/// <summary>Why a key was refused with 403, carried to the response.</summary>
internal sealed class KeyFailureReason(IAuthorizationHandler handler, Error error) : AuthorizationFailureReason(handler, error.Message)
{
    public Error Error { get; } = error;
}

internal sealed class KeyRequirementHandler : AuthorizationHandler<KeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KeyRequirement requirement)
    {
        var user = context.User;
        if (TesseraClaims.AccountIdOf(user) is null)
        {
            return Task.CompletedTask; // not an account key (anonymous or the operator): a challenge, 401
        }

        if (user.FindFirst(TesseraClaims.AccountStatus)?.Value != AccountStatus.Active)
        {
            context.Fail(new KeyFailureReason(this, Error.Forbidden("account_suspended", "Account inactive or suspended.")));
            return Task.CompletedTask;
        }

        if (requirement.Scope is { } scope && !user.HasClaim(TesseraClaims.Scope, Scopes.All) && !user.HasClaim(TesseraClaims.Scope, scope))
        {
            context.Fail(new KeyFailureReason(this, Error.Forbidden("forbidden", $"This key lacks the '{scope}' scope.")));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The operator API needs the operator key.</summary>
internal sealed class OperatorRequirement : IAuthorizationRequirement;

internal sealed class OperatorRequirementHandler : AuthorizationHandler<OperatorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
    {
        if (context.User.HasClaim(TesseraClaims.Operator, "true"))
        {
            context.Succeed(requirement);
        }
        else if (TesseraClaims.AccountIdOf(context.User) is not null)
        {
            context.Fail(new KeyFailureReason(this, Error.Forbidden("forbidden", "The operator API needs the operator key, not an account key.")));
        }

        return Task.CompletedTask;
    }
}
