using System.Globalization;
using Tessera.RateLimits;

using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>A rate limit policy in words, from the live configuration, so a discovery document states what the server enforces.</summary>
public static class RateLimitText
{
    public static string Describe(RateLimitPolicies policies, string name) => string.Join(" and ", policies.Get(name).Rules.Select(rule =>
        rule.Kind == RateLimitKind.TokenBucket
            ? string.Create(CultureInfo.InvariantCulture, $"a bucket of {rule.Limit} requests refilling over {rule.WindowSeconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{rule.Limit} requests per {rule.WindowSeconds} s")));

    /// <summary>Like <see cref="Describe"/>, naming who is counted: "5 requests per 3600 s per ip".</summary>
    public static string DescribeWithPartition(RateLimitPolicies policies, string name) => string.Join(" and ", policies.Get(name).Rules.Select(rule =>
        (rule.Kind == RateLimitKind.TokenBucket
            ? string.Create(CultureInfo.InvariantCulture, $"a bucket of {rule.Limit} requests refilling over {rule.WindowSeconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{rule.Limit} requests per {rule.WindowSeconds} s"))
        + " per " + rule.Partition.ToString().ToLowerInvariant()));
}
