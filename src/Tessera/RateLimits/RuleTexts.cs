using System.Globalization;

namespace Tessera.RateLimits;

/// <summary>
/// One rule's header values, made once and reused: the limit never changes, and remaining / reset repeat from one
/// request to the next (a bucket far from empty answers the same remaining and "full again in 1 s" over and over), so
/// each keeps the last value it formatted. Formatting five numbers per limited request was measurable on the 304 path
/// (~37k req/s, docs/benchmarks.md); a hit costs one comparison and allocates nothing. Racing requests may replace
/// each other's entry; an entry is immutable, so a reader sees a matching pair or formats anew.
/// </summary>
internal sealed class RuleTexts(RateLimitRule rule)
{
    private Last? _remaining;
    private Last? _reset;
    private Last? _item;

    /// <summary>The <c>X-RateLimit-Limit</c> value.</summary>
    public string Limit { get; } = rule.Limit.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>X-RateLimit-Remaining</c> value.</summary>
    public string Remaining(long remaining) =>
        _remaining is { } last && last.A == remaining ? last.Text : (_remaining = new(remaining, 0, remaining.ToString(CultureInfo.InvariantCulture))).Text;

    /// <summary>The <c>X-RateLimit-Reset</c> value (Unix seconds).</summary>
    public string Reset(long resetSeconds) =>
        _reset is { } last && last.A == resetSeconds ? last.Text : (_reset = new(resetSeconds, 0, resetSeconds.ToString(CultureInfo.InvariantCulture))).Text;

    /// <summary>This rule's item of the IETF <c>RateLimit</c> field: <c>"name";r=remaining;t=seconds</c>.</summary>
    public string Item(long remaining, long seconds) =>
        _item is { } last && last.A == remaining && last.B == seconds
            ? last.Text
            : (_item = new(remaining, seconds, string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";r={remaining};t={seconds}"))).Text;

    private sealed record Last(long A, long B, string Text);
}
