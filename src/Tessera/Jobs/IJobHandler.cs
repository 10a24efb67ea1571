namespace Tessera.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="Kind"/> (<c>batch_edit</c>, <c>scrape</c> ...), registered by the module that owns
/// that work with <see cref="JobsExtensions.AddJobHandler{THandler}"/>. The queue gives every kind the same lease,
/// heartbeat, retries, deadline, cancel, crash recovery, outputs, expiry and terminal hooks; the handler only does the
/// work. <see cref="RunAsync"/> is called once per attempt, possibly again after a crash, so it must be safe to repeat.
/// </summary>
public interface IJobHandler
{
    /// <summary>The kind this handler runs; <see cref="JobKinds.Generation"/> is the module's own and cannot be taken.</summary>
    string Kind { get; }

    /// <summary>
    /// One attempt. Honour <paramref name="cancellationToken"/>: it fires on cancel, at the deadline and when the node
    /// stops. Expected failures throw <see cref="JobFailure"/> (transient ones are retried with backoff up to
    /// <see cref="JobsOptions.MaxAttempts"/>); any other exception is a bug and fails the job as <c>handler_error</c>.
    /// </summary>
    Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken);
}
