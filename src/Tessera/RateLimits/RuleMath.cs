namespace Tessera.RateLimits;

/// <summary>
/// The arithmetic of both rule kinds, shared by the in-memory store and (line for line) the Redis Lua script so the
/// two agree to the millisecond. A token bucket's level is kept in milli-tokens (integers) so no store needs decimals.
/// </summary>
internal static class RuleMath
{
    public const long MilliTokensPerToken = 1000;

    public static long WindowIndex(long nowMs, long windowMs) => nowMs / windowMs;

    public static long WindowEndMs(long nowMs, long windowMs) => (WindowIndex(nowMs, windowMs) + 1) * windowMs;

    public static long Capacity(RateLimitRule rule) => rule.Limit * MilliTokensPerToken;

    /// <summary>
    /// The bucket's level at <paramref name="nowMs"/>. Doubles on purpose: Lua computes the same expression in doubles,
    /// so both stores floor the same value. A clock behind the last update (another node's) refills nothing.
    /// </summary>
    public static long Refill(long milliTokens, long lastMs, long nowMs, RateLimitRule rule)
    {
        var capacity = Capacity(rule);
        var elapsed = Math.Max(0, nowMs - lastMs);
        if (elapsed >= rule.WindowMs)
        {
            return capacity;
        }

        return Math.Min(capacity, milliTokens + (long)Math.Floor((double)elapsed * capacity / rule.WindowMs));
    }

    /// <summary>What a rule reports after a decision, from its state then: a fixed window's count or a bucket's milli-tokens.</summary>
    public static RuleOutcome Outcome(RateLimitRule rule, long state, long nowMs)
    {
        if (rule.Kind == RateLimitKind.FixedWindow)
        {
            var resetAt = WindowEndMs(nowMs, rule.WindowMs);
            return new RuleOutcome(
                Remaining: Math.Max(0, rule.Limit - state),
                ResetAtMs: resetAt,
                RetryAfterMs: state >= rule.Limit ? resetAt - nowMs : 0);
        }

        var capacity = Capacity(rule);
        return new RuleOutcome(
            Remaining: state / MilliTokensPerToken,
            ResetAtMs: nowMs + CeilDiv((capacity - state) * rule.WindowMs, capacity),
            RetryAfterMs: state < MilliTokensPerToken ? CeilDiv((MilliTokensPerToken - state) * rule.WindowMs, capacity) : 0);
    }

    /// <summary>Milliseconds until a full bucket (then its state equals no state, so the entry may be dropped).</summary>
    public static long UntilFullMs(RateLimitRule rule, long milliTokens) =>
        CeilDiv((Capacity(rule) - milliTokens) * rule.WindowMs, Capacity(rule));

    private static long CeilDiv(long numerator, long denominator) => (numerator + denominator - 1) / denominator;
}

/// <summary>One rule's view after a decision: what is left, when it is whole again, how long a rejected client waits for it.</summary>
internal readonly record struct RuleOutcome(long Remaining, long ResetAtMs, long RetryAfterMs);
