namespace Tessera.Jobs;

/// <summary>Every kind but generation: one handler, attempts with backoff while failures are transient, then failed.</summary>
internal sealed partial class JobRunner
{
    private async Task RunHandlerAsync(StoredJob stored, string owner, LocalRun run, CancellationToken stopping)
    {
        var job = stored.Job;
        if (handlers.Find(job.Kind) is not { } handler)
        {
            // Submitted on a node that has the handler; this one does not (a rolling upgrade, a module switched off).
            await FinishAsync(stored, owner, Outcome.Fail(null, JobErrors.HandlerUnavailable, $"No handler runs jobs of kind '{job.Kind}' on this server."), [], CancellationToken.None);
            return;
        }

        if (job.Attempts > job.MaxAttempts)
        {
            await FinishAsync(stored, owner, Outcome.Fail(null, JobErrors.WorkerLost, "The job's worker stopped before finishing it."), [], CancellationToken.None);
            return;
        }

        await AttemptAsync(
            stored, owner, run, stopping, engine: null,
            token => handler.RunAsync(job, token),
            failure => FinishAsync(stored, owner, Outcome.Fail(null, failure.Code, failure.Message), [], CancellationToken.None));
    }
}
