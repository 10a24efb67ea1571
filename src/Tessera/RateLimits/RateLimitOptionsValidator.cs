using Microsoft.Extensions.Options;

namespace Tessera.RateLimits;

/// <summary>Refuses to start on a rule that could not be enforced, rather than failing on the first request that meets it.</summary>
internal sealed class RateLimitOptionsValidator(IConfiguration configuration) : IValidateOptions<RateLimitOptions>
{
    /// <summary>Bounds that keep the token arithmetic (milli-tokens × window ms) inside a long and exact in Redis's doubles.</summary>
    internal const int MaxLimit = 1_000_000;

    internal static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.Store is not (RateLimitOptions.MemoryStore or RateLimitOptions.RedisStore))
        {
            failures.Add($"Tessera:RateLimits:Store must be '{RateLimitOptions.MemoryStore}' or '{RateLimitOptions.RedisStore}', not '{options.Store}'.");
        }

        if (options.Store == RateLimitOptions.RedisStore && string.IsNullOrWhiteSpace(configuration[RedisRateLimitStore.ConfigurationKey]))
        {
            failures.Add($"Tessera:RateLimits:Store is '{RateLimitOptions.RedisStore}' but {RedisRateLimitStore.ConfigurationKey} is empty.");
        }

        foreach (var (policy, rules) in options.Policies)
        {
            if (rules.Count == 0)
            {
                failures.Add($"Rate limit policy '{policy}' has no rules.");
            }

            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (rule.Limit is < 1 or > MaxLimit)
                {
                    failures.Add($"Rate limit policy '{policy}' rule {i}: Limit must be between 1 and {MaxLimit}.");
                }

                if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > MaxWindow)
                {
                    failures.Add($"Rate limit policy '{policy}' rule {i}: Window must be between 1 second and {MaxWindow.TotalDays} days.");
                }

                if (!Enum.IsDefined(rule.Kind) || !Enum.IsDefined(rule.Partition))
                {
                    failures.Add($"Rate limit policy '{policy}' rule {i}: unknown Kind or Partition.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
