namespace Tessera.RateLimits;

/// <summary>
/// Endpoint metadata naming the policy that limits it; the most specific one (endpoint over group) wins.
/// <paramref name="Exempt"/> lets a route leave some requests uncounted (Billion Satoshi: the paid MPP retry of a
/// placement, which can only activate an existing reservation, never create one). <paramref name="Counts"/>, asked once
/// the handler has answered, gives the unit back for a request that did not do what the limit counts (Billion Satoshi:
/// only a reservation — a 402 or 202 — uses up the hour's allowance; a refused request does not).
/// </summary>
public sealed record RateLimitMetadata(string PolicyName, Func<HttpContext, bool>? Exempt = null, Func<HttpContext, bool>? Counts = null);
