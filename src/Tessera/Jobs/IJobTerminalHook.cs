namespace Tessera.Jobs;

/// <summary>
/// Called after a job's terminal state (succeeded, failed, canceled) has committed — by the worker right away, and again
/// by the sweep while the job still has <c>hooks_pending</c> (after a crash, or when a hook threw). Delivery is at least
/// once: a hook must be idempotent (key its effects by <see cref="Job.Id"/>, e.g. an outbox row with a unique job id).
/// A hook that throws is retried later; the others are called again too, so each must tolerate repeats.
/// </summary>
public interface IJobTerminalHook
{
    /// <summary>
    /// Whether this hook has anything to do for <paramref name="job"/> (a webhook hook: only jobs with a webhook URL).
    /// Decided once, in the terminal commit: a job no hook wants finishes in that one write, with nothing left to record.
    /// </summary>
    bool Wants(Job job) => true;

    Task OnTerminalAsync(Job job, CancellationToken cancellationToken);
}
