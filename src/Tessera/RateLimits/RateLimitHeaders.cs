using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Tessera.RateLimits;

/// <summary>
/// Writes the limit fields on every limited response. Two families, because clients read either:
/// <c>X-RateLimit-Limit/Remaining/Reset</c> as the PixelDojo doc shows (Reset in Unix seconds, one rule: the tightest),
/// and the IETF draft-ietf-httpapi-ratelimit-headers fields <c>RateLimit-Policy</c> / <c>RateLimit</c> listing every rule
/// (<c>"minute";q=60;w=60</c> and <c>"minute";r=59;t=42</c>, t in seconds from now).
/// </summary>
internal static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Reset = "X-RateLimit-Reset";
    public const string Policy = "RateLimit-Policy";
    public const string RateLimit = "RateLimit";

    public static void Write(IHeaderDictionary headers, RateLimitDecision decision)
    {
        var rules = decision.Policy.Rules;
        var tightest = decision.Outcomes[decision.Tightest];
        headers[Limit] = rules[decision.Tightest].Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = tightest.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = ((tightest.ResetAtMs + 999) / 1000).ToString(CultureInfo.InvariantCulture);
        headers[Policy] = decision.Policy.PolicyField;
        headers[RateLimit] = RateLimitField(decision);
        if (!decision.Allowed)
        {
            headers[HeaderNames.RetryAfter] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string RateLimitField(RateLimitDecision decision)
    {
        var rules = decision.Policy.Rules;
        if (rules.Length == 1)
        {
            // The common case (one rule) builds its value in one interpolation, without a builder.
            return Item(rules[0], decision.Outcomes[0], decision.NowMs);
        }

        var field = new StringBuilder();
        for (var i = 0; i < rules.Length; i++)
        {
            field.Append(i == 0 ? "" : ", ").Append(Item(rules[i], decision.Outcomes[i], decision.NowMs));
        }

        return field.ToString();
    }

    private static string Item(RateLimitRule rule, RuleOutcome outcome, long nowMs) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";r={outcome.Remaining};t={(Math.Max(0, outcome.ResetAtMs - nowMs) + 999) / 1000}");
}
