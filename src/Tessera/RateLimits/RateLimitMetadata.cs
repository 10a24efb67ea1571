namespace Tessera.RateLimits;

/// <summary>Endpoint metadata naming the policy that limits it; the most specific one (endpoint over group) wins.</summary>
public sealed record RateLimitMetadata(string PolicyName);
