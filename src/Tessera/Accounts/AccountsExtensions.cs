using Microsoft.AspNetCore.Authentication;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>The Accounts module's front door: accounts, keys, sub-keys, agents and the one authentication handler.</summary>
public static class AccountsExtensions
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section)
            .Validate(options => options.MaxKeysPerAccount > 0 && options.ChangeFeedInterval > TimeSpan.Zero, "Accounts options are out of range")
            .ValidateOnStart();
        builder.Services.AddSingleton<KeyCache>();
        builder.Services.AddSingleton<AuthChanges>();
        builder.Services.AddSingleton(services => new AuthChangesAccessor(services.GetRequiredService<AuthChanges>()));
        builder.Services.AddSingleton<ApiKeyResolver>();
        builder.Services.AddSingleton<OperatorKey>();
        builder.Services.AddSingleton<IStartupTask>(services => services.GetRequiredService<OperatorKey>());
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<ApiKeyService>();
        builder.Services.AddScoped<AgentService>();
        builder.Services.AddHostedService<AuthChangeFeed>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        return builder;
    }

    /// <summary>
    /// Authentication, for requests that present something to check. An anonymous request (no key header, no body:
    /// every cached canvas, tile and page GET) skips the handler and its per-request setup; its principal is the
    /// anonymous one it would have got anyway, and <see cref="KeyAccessMiddleware"/> still refuses it where a key is
    /// required. docs/accounts.md ("Anonymous requests").
    /// </summary>
    public static WebApplication UseApiKeyAuthentication(this WebApplication app)
    {
        app.UseWhen(PresentedKey.MayBePresent, authenticated => authenticated.UseAuthentication());

        // UseAuthentication marks the builder it is called on; the branch's mark does not reach the app's, and without
        // it WebApplication adds its own UseAuthentication in front of the pipeline, for every request.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }

    // Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions.AuthenticationMiddlewareSetKey (internal).
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>Checks each endpoint's <see cref="KeyAccess"/> after authentication (and rate limits) have run.</summary>
    public static WebApplication UseKeyAccess(this WebApplication app)
    {
        app.UseMiddleware<KeyAccessMiddleware>();
        return app;
    }
}
