namespace Tessera.Http.Idempotency;

/// <summary>Endpoint metadata: this POST spends or creates money-backed things and honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentRequest
{
    public static readonly IdempotentRequest Instance = new();
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>
    /// The same <c>Idempotency-Key</c> from the same caller (account, or client IP for anonymous routes) within 24 h
    /// returns the first response and does nothing again (DECISIONS: Idempotency). See docs/idempotency.md.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentRequest.Instance);
}
