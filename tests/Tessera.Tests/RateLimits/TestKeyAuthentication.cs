using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Http;

namespace Tessera.Tests.RateLimits;

/// <summary>
/// Test-only stand-ins for what the Accounts module and a proxy provide: <c>X-Test-Key</c> (and optional
/// <c>X-Test-Account</c>) become the claims the API-key handler will set; <c>X-Test-Ip</c> becomes the client address.
/// </summary>
internal sealed class TestKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers["X-Test-Key"].ToString() is not { Length: > 0 } key)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var account = Request.Headers["X-Test-Account"].ToString() is { Length: > 0 } given ? given : "acct-" + key;
        var identity = new ClaimsIdentity([new Claim(TesseraClaims.KeyId, key), new Claim(TesseraClaims.AccountId, account)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>Sets the connection's remote address from <c>X-Test-Ip</c>, before anything else in the pipeline runs.</summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers["X-Test-Ip"].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

internal static class TestAuthenticationExtensions
{
    public static IServiceCollection AddTestKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = TestKeyHandler.SchemeName;
                options.DefaultAuthenticateScheme = TestKeyHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, TestKeyHandler>(TestKeyHandler.SchemeName, _ => { });
        services.AddSingleton<IStartupFilter, TestClientAddress>();
        return services;
    }
}
