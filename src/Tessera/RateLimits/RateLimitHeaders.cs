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
        var texts = decision.Policy.Texts;
        var tightest = decision.Outcomes[decision.Tightest];
        headers[Limit] = texts[decision.Tightest].Limit;
        headers[Remaining] = texts[decision.Tightest].Remaining(tightest.Remaining);
        headers[Reset] = texts[decision.Tightest].Reset((tightest.ResetAtMs + 999) / 1000);
        headers[Policy] = decision.Policy.PolicyField;
        headers[RateLimit] = RateLimitField(decision);
        if (!decision.Allowed)
        {
            headers[HeaderNames.RetryAfter] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string RateLimitField(RateLimitDecision decision)
    {
        var texts = decision.Policy.Texts;
        if (texts.Length == 1)
        {
            // The common case (one rule): the rule's cached item, no builder.
            return Item(texts[0], decision.Outcomes[0], decision.NowMs);
        }

        var field = new StringBuilder();
        for (var i = 0; i < texts.Length; i++)
        {
            field.Append(i == 0 ? "" : ", ").Append(Item(texts[i], decision.Outcomes[i], decision.NowMs));
        }

        return field.ToString();
    }

    private static string Item(RuleTexts texts, RuleOutcome outcome, long nowMs) =>
        texts.Item(outcome.Remaining, (Math.Max(0, outcome.ResetAtMs - nowMs) + 999) / 1000);
}
