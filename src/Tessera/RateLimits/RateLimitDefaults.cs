using Tessera.Http;

namespace Tessera.RateLimits;

/// <summary>
/// The default policies each surface publishes on its descriptor (<see cref="SurfaceDescriptor.RatePolicies"/>), so a
/// fresh server enforces them with no configuration, and this module names no surface: a new surface brings its own.
/// </summary>
internal static class RateLimitDefaults
{
    /// <summary>Adds each surface's policy that configuration did not name (a configured policy replaces the default whole).</summary>
    internal static void AddMissing(RateLimitOptions options, IEnumerable<SurfaceDescriptor> surfaces)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var surface in surfaces)
        {
            foreach (var (name, rules) in surface.RatePolicies)
            {
                if (!owners.TryAdd(name, surface.Name))
                {
                    throw new InvalidOperationException($"The rate policy '{name}' is declared by both the '{owners[name]}' and the '{surface.Name}' surface.");
                }

                if (!options.Policies.ContainsKey(name))
                {
                    options.Policies[name] = [.. rules.Select(Options)];
                }
            }
        }
    }

    /// <summary>A rule as configuration binding would have produced it (the same enum names).</summary>
    private static RateLimitRuleOptions Options(RateRule rule) => new()
    {
        Name = rule.Name,
        Kind = Enum.Parse<RateLimitKind>(rule.Kind),
        Limit = rule.Limit,
        Window = rule.Window,
        Partition = Enum.Parse<RateLimitPartition>(rule.Partition),
    };
}
