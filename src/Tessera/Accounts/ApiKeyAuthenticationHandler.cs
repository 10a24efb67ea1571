using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Accounts;

/// <summary>
/// The one authentication handler for every surface and the operator API. It never answers by itself:
/// a failed key is remembered on the request, and <see cref="KeyAuthorizationResultHandler"/> answers 401/403
/// in the surface's shape only where an endpoint requires a key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyResolver resolver,
    OperatorKey operatorKey,
    SurfaceRegistry surfaces) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    internal const string FailureItem = "tessera.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = await PresentedKey.FindAsync(Context, surfaces.ForPath(Request.Path));
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = new byte[32];
        KeyFormat.Hash(presented, hash);
        if (operatorKey.Matches(hash))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(OperatorPrincipal, SchemeName));
        }

        var check = await resolver.CheckAsync(presented, hash, Context.RequestAborted);
        if (check.Failure is { } failure)
        {
            Context.Items[FailureItem] = failure;
            AccountsMetrics.AuthFailures.Add(1);
            return AuthenticateResult.Fail(failure.Message);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(check.Key!.Principal, SchemeName));
    }

    private static readonly ClaimsPrincipal OperatorPrincipal =
        new(new ClaimsIdentity([new Claim(TesseraClaims.Operator, "true")], SchemeName));

    internal static Error FailureOf(HttpContext context) =>
        context.Items[FailureItem] as Error ?? Error.Unauthorized("A valid API key is required: send Authorization: Bearer <key> or X-API-Key.");
}
