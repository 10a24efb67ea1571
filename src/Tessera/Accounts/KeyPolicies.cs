using Microsoft.AspNetCore.Authorization;

namespace Tessera.Accounts;

/// <summary>Named policies: <c>key</c> (any account key), <c>scope:{name}</c> for each scope, <c>operator</c>.</summary>
public static class KeyPolicies
{
    public const string AnyKey = "key";
    public const string Operator = "operator";

    public static string ForScope(string scope) => "scope:" + scope;

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(AnyKey, policy => policy.AddRequirements(new KeyRequirement(null)));
        options.AddPolicy(Operator, policy => policy.AddRequirements(new OperatorRequirement()));
        foreach (var scope in Scopes.Known)
        {
            options.AddPolicy(ForScope(scope), policy => policy.AddRequirements(new KeyRequirement(scope)));
        }
    }

    /// <summary>The endpoint needs an account key of an active account, holding <paramref name="scope"/> if given.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, string? scope = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope is null ? AnyKey : ForScope(scope));

    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Operator);
}
