namespace Tessera.Jobs;

/// <summary>The answer to a submit: the job, and the caller's available balance in the job's currency after its hold
/// (credits for generation jobs, even free ones; null for a job without a price).</summary>
public sealed record JobSubmitted(Job Job, decimal? Remaining);
