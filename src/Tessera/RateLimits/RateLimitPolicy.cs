using System.Globalization;

namespace Tessera.RateLimits;

/// <summary>A policy ready to enforce: its rules with windows in milliseconds and its <c>RateLimit-Policy</c> field pre-rendered.</summary>
public sealed class RateLimitPolicy
{
    public RateLimitPolicy(string name, IReadOnlyList<RateLimitRuleOptions> rules)
    {
        Name = name;
        var names = new HashSet<string>(StringComparer.Ordinal);
        Rules = new RateLimitRule[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var options = rules[i];
            var ruleName = options.Name is { Length: > 0 } given ? given : NameOf(options.Window);

            // The IETF fields tell rules apart by name, so two rules of one policy never share one.
            if (!names.Add(ruleName))
            {
                ruleName = $"{ruleName}-{i}";
                names.Add(ruleName);
            }

            Rules[i] = new RateLimitRule(ruleName, options.Kind, options.Limit, (long)options.Window.TotalMilliseconds, options.Partition);
        }

        Texts = Array.ConvertAll(Rules, rule => new RuleTexts(rule));
        PolicyField = string.Join(", ", Rules.Select(rule =>
            string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";q={rule.Limit};w={rule.WindowSeconds}")));
    }

    public string Name { get; }

    public RateLimitRule[] Rules { get; }

    /// <summary>The <c>RateLimit-Policy</c> field value, e.g. <c>"day";q=20;w=86400, "burst";q=60;w=60</c>.</summary>
    public string PolicyField { get; }

    /// <summary>Each rule's header values, formatted once (<see cref="RuleTexts"/>).</summary>
    internal RuleTexts[] Texts { get; }

    private static string NameOf(TimeSpan window) => window switch
    {
        _ when window == TimeSpan.FromSeconds(1) => "second",
        _ when window == TimeSpan.FromMinutes(1) => "minute",
        _ when window == TimeSpan.FromHours(1) => "hour",
        _ when window == TimeSpan.FromDays(1) => "day",
        _ => string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(window.TotalSeconds)}s"),
    };
}

/// <summary>One enforceable rule: <paramref name="Limit"/> per <paramref name="WindowMs"/>, counted per <paramref name="Partition"/>.</summary>
public sealed record RateLimitRule(string Name, RateLimitKind Kind, long Limit, long WindowMs, RateLimitPartition Partition)
{
    public long WindowSeconds => (WindowMs + 999) / 1000;
}
