namespace Tessera.RateLimits;

/// <summary>
/// Endpoint metadata naming the policy that limits it; the most specific one (endpoint over group) wins.
/// <paramref name="Exempt"/> lets a route leave some requests uncounted (Billion Satoshi: the paid MPP retry of a
/// placement, which can only activate an existing reservation, never create one).
/// </summary>
public sealed record RateLimitMetadata(string PolicyName, Func<HttpContext, bool>? Exempt = null);
