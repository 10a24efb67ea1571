using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Surfaces;

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

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        if (operatorKey.Matches(hash))
        {
            return Success(new Claim(TesseraClaims.Operator, "true"));
        }

        var check = await resolver.CheckAsync(presented, Context.RequestAborted);
        if (check.Failure is { } failure)
        {
            Context.Items[FailureItem] = failure;
            AccountsMetrics.AuthFailures.Add(1);
            return AuthenticateResult.Fail(failure.Message);
        }

        var key = check.Key!;
        var claims = new List<Claim>(4 + (key.Scopes?.Count ?? 1))
        {
            new(TesseraClaims.AccountId, key.AccountId),
            new(TesseraClaims.KeyId, key.Id),
            new(TesseraClaims.AccountStatus, key.AccountStatus),
        };
        if (key.Scopes is null)
        {
            claims.Add(new Claim(TesseraClaims.Scope, Scopes.All));
        }
        else
        {
            claims.AddRange(key.Scopes.Select(scope => new Claim(TesseraClaims.Scope, scope)));
        }

        return Success([.. claims]);
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    internal static Error FailureOf(HttpContext context) =>
        context.Items[FailureItem] as Error ?? Error.Unauthorized("A valid API key is required: send Authorization: Bearer <key> or X-API-Key.");
}
