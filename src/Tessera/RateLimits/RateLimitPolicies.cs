using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Tessera.RateLimits;

/// <summary>Every configured policy, compiled once at start-up and looked up by name on each limited request.</summary>
public sealed class RateLimitPolicies
{
    private readonly FrozenDictionary<string, RateLimitPolicy> _byName;

    public RateLimitPolicies(IOptions<RateLimitOptions> options)
    {
        _byName = options.Value.Policies
            .Select(pair => new RateLimitPolicy(pair.Key, pair.Value))
            .ToFrozenDictionary(policy => policy.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<RateLimitPolicy> All => _byName.Values;

    /// <summary>The policy an endpoint names; an unknown name is a wiring bug, so it throws (a 500, logged) rather than letting the route run unlimited.</summary>
    public RateLimitPolicy Get(string name) =>
        _byName.TryGetValue(name, out var policy)
            ? policy
            : throw new InvalidOperationException($"Rate limit policy '{name}' is not configured (Tessera:RateLimits:Policies:{name}).");
}
