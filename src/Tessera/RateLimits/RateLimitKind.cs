namespace Tessera.RateLimits;

/// <summary>How a rule counts requests.</summary>
public enum RateLimitKind
{
    /// <summary><c>Limit</c> requests per <c>Window</c>; windows are aligned to the Unix epoch, so a day resets at 00:00 UTC.</summary>
    FixedWindow,

    /// <summary>A bucket of <c>Limit</c> tokens that refills continuously, one token every <c>Window / Limit</c>: a burst allowance.</summary>
    TokenBucket,
}
