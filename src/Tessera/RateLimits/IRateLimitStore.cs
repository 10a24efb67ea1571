namespace Tessera.RateLimits;

/// <summary>
/// Where counters live. One call decides one request against every rule of a policy atomically: either every rule
/// has room and each spends one, or nothing is spent (a request the burst rule rejects does not eat the daily quota).
/// </summary>
public interface IRateLimitStore
{
    /// <param name="policy">The policy whose rules apply.</param>
    /// <param name="partitions">The partition value of each rule, by rule index.</param>
    /// <param name="nowMs">Unix milliseconds from the injected <see cref="TimeProvider"/>.</param>
    /// <param name="states">Filled by rule index with the state after the decision: a window's count, or a bucket's milli-tokens.</param>
    /// <returns>Whether the request is allowed.</returns>
    /// <exception cref="RateLimitStoreException">The store cannot be reached.</exception>
    ValueTask<bool> AcquireAsync(RateLimitPolicy policy, string[] partitions, long nowMs, long[] states, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back the one unit an allowed request spent at <paramref name="acquiredAtMs"/>, for a request its route does not
    /// count after all (<see cref="RateLimitMetadata.Counts"/>): a fixed window's count drops by one if that window is still
    /// current; a bucket gets a token back, never above its capacity.
    /// </summary>
    /// <exception cref="RateLimitStoreException">The store cannot be reached.</exception>
    ValueTask ReleaseAsync(RateLimitPolicy policy, string[] partitions, long acquiredAtMs, long nowMs, CancellationToken cancellationToken);
}

/// <summary>The shared store is unreachable; the middleware lets the request through rather than fail the whole API.</summary>
public sealed class RateLimitStoreException : Exception
{
    public RateLimitStoreException()
    {
    }

    public RateLimitStoreException(string message)
        : base(message)
    {
    }

    public RateLimitStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
