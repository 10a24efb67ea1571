namespace Tessera.RateLimits;

/// <summary>
/// <c>Tessera:RateLimits</c>: named policies, each a list of rules that must all allow a request, and where counters live.
/// A policy named in configuration replaces the built-in policy of that name whole (see <see cref="Tessera.Http.SurfaceDescriptor.RatePolicies"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Tessera:RateLimits";

    public const string MemoryStore = "memory";

    public const string RedisStore = "redis";

    /// <summary><c>memory</c> (one node, the default) or <c>redis</c> (counters shared by every node, <c>Tessera:Redis:Configuration</c>).</summary>
    public string Store { get; set; } = MemoryStore;

    /// <summary>Prefix of every Redis key, so several deployments (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "tessera:rl";

    public Dictionary<string, List<RateLimitRuleOptions>> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One rule of a policy, e.g. 60 per minute per key.</summary>
public sealed class RateLimitRuleOptions
{
    /// <summary>The name in the <c>RateLimit-Policy</c> / <c>RateLimit</c> fields; defaults to the window (<c>minute</c>, <c>day</c> ...).</summary>
    public string? Name { get; set; }

    public RateLimitKind Kind { get; set; } = RateLimitKind.FixedWindow;

    /// <summary>Requests per window, or the bucket's capacity (its burst).</summary>
    public int Limit { get; set; }

    /// <summary>The fixed window's length, or the time a token bucket takes to refill from empty to full.</summary>
    public TimeSpan Window { get; set; }

    public RateLimitPartition Partition { get; set; } = RateLimitPartition.Key;
}
