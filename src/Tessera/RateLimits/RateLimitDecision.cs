namespace Tessera.RateLimits;

/// <summary>
/// The outcome of one limited request: every rule's view, and which rule the legacy single-limit headers describe. It
/// carries its response too, so it is the whole state of the headers' <c>OnStarting</c> callback (no tuple boxed per
/// request).
/// </summary>
internal sealed class RateLimitDecision
{
    public RateLimitDecision(HttpResponse response, RateLimitPolicy policy, long[] states, long nowMs, bool allowed)
    {
        Response = response;
        Policy = policy;
        NowMs = nowMs;
        Allowed = allowed;
        Outcomes = new RuleOutcome[states.Length];
        for (var i = 0; i < states.Length; i++)
        {
            Outcomes[i] = RuleMath.Outcome(policy.Rules[i], states[i], nowMs);

            // The tightest rule: least remaining, and of those the one that stays exhausted longest.
            var tightest = Outcomes[Tightest];
            if (Outcomes[i].Remaining < tightest.Remaining || (Outcomes[i].Remaining == tightest.Remaining && Outcomes[i].ResetAtMs > tightest.ResetAtMs))
            {
                Tightest = i;
            }
        }
    }

    public HttpResponse Response { get; }

    public RateLimitPolicy Policy { get; }

    public long NowMs { get; }

    public bool Allowed { get; }

    public RuleOutcome[] Outcomes { get; }

    public int Tightest { get; }

    /// <summary>Whole seconds until every exhausted rule has room again (at least 1, so clients never retry at once).</summary>
    public long RetryAfterSeconds
    {
        get
        {
            var wait = 0L;
            foreach (var outcome in Outcomes)
            {
                wait = Math.Max(wait, outcome.RetryAfterMs);
            }

            return Math.Max(1, (wait + 999) / 1000);
        }
    }
}
