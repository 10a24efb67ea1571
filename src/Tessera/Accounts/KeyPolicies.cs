namespace Tessera.Accounts;

/// <summary>What an endpoint asks of the caller: an account key (with a scope, if named) or the operator key.</summary>
public sealed record KeyAccess(string? Scope, bool Operator);

public static class KeyPolicies
{
    /// <summary>The endpoint needs an account key of an active account, holding <paramref name="scope"/> if given.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, string? scope = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new KeyAccess(scope, Operator: false));

    /// <summary>The endpoint needs the operator key.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new KeyAccess(null, Operator: true));
}
