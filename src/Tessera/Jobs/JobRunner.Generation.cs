using Tessera.Engines;

namespace Tessera.Jobs;

/// <summary>
/// The generation kind: the job's model names a chain of engines; each is tried up to <see cref="JobsOptions.MaxAttempts"/>
/// times (transient failures), then the next (non-transient failures, spent attempts, a missing engine, bad output);
/// when the chain is spent the job fails with the last error.
/// </summary>
internal sealed partial class JobRunner
{
    private async Task RunGenerationAsync(StoredJob stored, string owner, LocalRun run, CancellationToken stopping)
    {
        var job = stored.Job;
        var model = job.Model is null ? null : models.Find(job.Model);
        if (model is null)
        {
            await FinishAsync(stored, owner, Outcome.Fail(job.Engine, JobErrors.ModelUnavailable, $"Model '{job.Model}' is no longer offered."), [], CancellationToken.None);
            return;
        }

        if (job.EngineIndex >= model.Engines.Count)
        {
            await FinishAsync(stored, owner, Outcome.Fail(job.Engine, job.ErrorCode ?? JobErrors.EngineUnavailable, job.ErrorMessage ?? "No engine could run the job."), [], CancellationToken.None);
            return;
        }

        var engineName = model.Engines[job.EngineIndex];
        if (models.Engine(engineName) is not { } engine)
        {
            await NextEngineAsync(stored, owner, model, engineName, JobErrors.EngineUnavailable, $"Engine '{engineName}' is not available.");
            return;
        }

        if (job.Attempts > job.MaxAttempts)
        {
            // Claimed more often than it may run: its earlier workers died mid-run (a job that crashes its node must
            // not crash every node in turn).
            await NextEngineAsync(stored, owner, model, engineName, JobErrors.WorkerLost, "The job's worker stopped before finishing it.");
            return;
        }

        await AttemptAsync(
            stored, owner, run, stopping, engineName,
            async token =>
            {
                try
                {
                    var result = await engine.RunAsync(new EngineRequest(job.Id, model, job.Input, job.Attempts), token).WaitAsync(token);
                    return new JobResult([.. result.Outputs.Select(o => new JobFile(o.Content, o.ContentType, o.Role))], result.Metadata);
                }
                catch (EngineException exception)
                {
                    throw new JobFailure(exception.Code, exception.Message, exception.Transient, exception);
                }
            },
            failure => NextEngineAsync(stored, owner, model, engineName, failure.Code, failure.Message));
    }

    /// <summary>This engine is done with (non-transient failure, attempts spent): the next of the chain, or failed with this error.</summary>
    private async Task NextEngineAsync(StoredJob stored, string owner, ModelDefinition model, string engineName, string code, string message)
    {
        var job = stored.Job;
        if (job.EngineIndex + 1 < model.Engines.Count)
        {
            if (await store.RequeueAsync(job.Id, owner, Now, job.EngineIndex + 1, 0, engineName, code, message, CancellationToken.None))
            {
                signal.Notify();
            }

            return;
        }

        await FinishAsync(stored, owner, Outcome.Fail(engineName, code, message), [], CancellationToken.None);
    }
}
