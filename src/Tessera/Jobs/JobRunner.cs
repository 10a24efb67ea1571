using Microsoft.Extensions.Options;
using Tessera.Http;
using Tessera.Storage;

namespace Tessera.Jobs;

/// <summary>
/// Runs one claimed job of any kind to its next state: terminal (succeeded, failed, canceled), requeued (retry after
/// backoff, or the next engine of a generation chain), released (this node is stopping), or dropped (the lease passed
/// to another worker). Every change is conditional on this worker's lease, so a job another worker reclaimed is never
/// finished twice. What differs by kind is only who does the attempt: the generation chain
/// (<c>JobRunner.Generation.cs</c>) or the kind's <see cref="IJobHandler"/> (<c>JobRunner.Handlers.cs</c>).
/// </summary>
internal sealed partial class JobRunner(
    JobStore store, JobModels models, JobHandlers handlers, JobFinisher finisher, LocalRuns runs, JobSignal signal, IBlobStore blobs,
    FaultPoints faults, TimeProvider time, IOptions<JobsOptions> options, ILogger<JobRunner> logger)
{
    private readonly JobsOptions _options = options.Value;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task RunAsync(StoredJob stored, string owner, CancellationToken stopping)
    {
        var job = stored.Job;
        using var run = runs.Start(job.Id);
        try
        {
            using var heartbeat = new CancellationTokenSource();
            var beating = HeartbeatAsync(job.Id, owner, run, heartbeat.Token);
            try
            {
                await RunClaimedAsync(stored, owner, run, stopping);
            }
            finally
            {
                await heartbeat.CancelAsync();
                await beating;
            }
        }
        finally
        {
            runs.End(job.Id, run);
        }
    }

    private async Task RunClaimedAsync(StoredJob stored, string owner, LocalRun run, CancellationToken stopping)
    {
        var job = stored.Job;
        faults.Hit("jobs.after-claim");
        if (job.CancelRequested)
        {
            await FinishAsync(stored, owner, Outcome.Canceled(job.Engine), [], CancellationToken.None);
            return;
        }

        if (job.DeadlineAt is { } deadline && Now >= deadline.ToUnixTimeMilliseconds())
        {
            await FinishAsync(stored, owner, Outcome.DeadlineExceeded(job.Engine), [], CancellationToken.None);
            return;
        }

        if (job.Kind == JobKinds.Generation)
        {
            await RunGenerationAsync(stored, owner, run, stopping);
        }
        else
        {
            await RunHandlerAsync(stored, owner, run, stopping);
        }
    }

    /// <summary>
    /// One attempt by <paramref name="work"/> under the job's deadline, its cancel and this node's stopping, then the
    /// state that follows: canceled, dropped (lease lost), handed back (stopping), deadline exceeded, a failed attempt
    /// (retried with backoff while transient and attempts remain, else <paramref name="spent"/>), or succeeded with its
    /// outputs stored. <paramref name="engine"/> names who ran it (a generation engine), or null for a handler.
    /// </summary>
    private async Task AttemptAsync(
        StoredJob stored, string owner, LocalRun run, CancellationToken stopping, string? engine,
        Func<CancellationToken, Task<JobResult>> work, Func<JobFailure, Task> spent)
    {
        var job = stored.Job;
        var dispatched = Math.Max(stored.RunAfter, job.CreatedAt.ToUnixTimeMilliseconds());
        JobsMetrics.DispatchLatency.Record(Now - dispatched);

        var deadline = job.DeadlineAt?.ToUnixTimeMilliseconds();
        using var deadlineSource = deadline is { } at
            ? new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Max(1, at - Now)), time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Token, deadlineSource.Token, stopping);
        JobResult? result = null;
        JobFailure? failure = null;
        try
        {
            // WaitAsync: work that ignores its token still loses the job at the deadline.
            result = await work(linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Decided below from which source fired.
        }
        catch (JobFailure exception)
        {
            failure = exception;
        }
#pragma warning disable CA1031 // Any other exception is a bug of the engine or handler: it fails this attempt like a non-transient error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.EngineBug(logger, job.Id, engine ?? job.Kind, exception);
            failure = engine is null
                ? new JobFailure(JobErrors.HandlerError, "The job's handler failed unexpectedly.", transient: false, exception)
                : new JobFailure(JobErrors.EngineError, "The engine failed unexpectedly.", transient: false, exception);
        }

        if (run.Reason == LocalRun.StopReason.Canceled)
        {
            await FinishAsync(stored, owner, Outcome.Canceled(engine), [], CancellationToken.None);
            return;
        }

        if (run.Reason == LocalRun.StopReason.LeaseLost)
        {
            Log.LeaseLost(logger, job.Id);
            return;
        }

        if (stopping.IsCancellationRequested && result is null)
        {
            // This node is shutting down: hand the job back at once rather than make it wait out the lease.
            await store.RequeueAsync(job.Id, owner, Now, job.EngineIndex, job.Attempts - 1, job.Engine, job.ErrorCode, job.ErrorMessage, CancellationToken.None);
            return;
        }

        if (deadlineSource.IsCancellationRequested && result is null)
        {
            await FinishAsync(stored, owner, Outcome.DeadlineExceeded(engine), [], CancellationToken.None);
            return;
        }

        // A generation engine must make something; a handler's kind may be all metadata.
        if (failure is null && OutputCheck.Problem(result, outputsRequired: engine is not null) is { } problem)
        {
            failure = new JobFailure(JobErrors.BadOutput, problem, transient: false);
        }

        if (failure is not null)
        {
            await FailedAttemptAsync(stored, owner, engine, failure, spent);
            return;
        }

        var outputs = await StoreOutputsAsync(result!, CancellationToken.None);
        faults.Hit("jobs.after-outputs");
        if (await FinishAsync(stored, owner, new Outcome(JobStatus.Succeeded, engine, result!.Metadata, null, null), outputs, CancellationToken.None))
        {
            await EnsureBlobsAsync(outputs, result);
        }
    }

    private async Task FailedAttemptAsync(StoredJob stored, string owner, string? engine, JobFailure failure, Func<JobFailure, Task> spent)
    {
        var job = stored.Job;
        if (failure.Transient && job.Attempts < job.MaxAttempts)
        {
            // Backoff base × 2^(attempt−1): 1 s, 2 s, 4 s ... but never past the deadline, where the claim fails the job.
            var delay = (long)(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, job.Attempts - 1));
            var runAfter = Math.Min(Now + delay, job.DeadlineAt?.ToUnixTimeMilliseconds() ?? long.MaxValue);
            Log.JobRetrying(logger, job.Id, job.Attempts, engine ?? job.Kind, failure.Code, DateTimeOffset.FromUnixTimeMilliseconds(runAfter));
            await store.RequeueAsync(job.Id, owner, runAfter, job.EngineIndex, job.Attempts, engine, failure.Code, failure.Message, CancellationToken.None);
            return;
        }

        await spent(failure);
    }

    private async Task<List<JobOutput>> StoreOutputsAsync(JobResult result, CancellationToken cancellationToken)
    {
        var outputs = new List<JobOutput>(result.Outputs.Count);
        var now = time.GetUtcNow();
        for (var i = 0; i < result.Outputs.Count; i++)
        {
            var output = result.Outputs[i];
            var hash = await blobs.PutAsync(output.Content, cancellationToken);
            outputs.Add(new JobOutput(i, output.Role, hash, output.ContentType, output.Content.Length, now));
        }

        return outputs;
    }

    /// <summary>
    /// The terminal commit — status, outputs and the hold's post or void in one transaction — then the hooks that want
    /// the job, if any (and the hold, if the ledger refused it for now); false when the lease had passed to another worker.
    /// </summary>
    private async Task<bool> FinishAsync(StoredJob stored, string owner, Outcome outcome, IReadOnlyList<JobOutput> outputs, CancellationToken cancellationToken)
    {
        var job = stored.Job;
        var now = Now;
        var resolution = job.HoldId is null ? null : outcome.Status == JobStatus.Succeeded ? HoldResolutions.Post : HoldResolutions.Void;
        var finished = job with
        {
            Status = outcome.Status,
            Engine = outcome.Engine,
            Metadata = outcome.Metadata,
            ErrorCode = outcome.Code,
            ErrorMessage = outcome.Message,
            CompletedAt = DateTimeOffset.FromUnixTimeMilliseconds(now),
            Outputs = outputs,
        };
        var hooks = finisher.HooksWant(finished);
        long? followup = resolution is not null || hooks ? now + (long)_options.FollowupDelay.TotalMilliseconds : null;
        var terminal = new Terminal(job.Id, outcome.Status, job.HoldId, resolution, outcome.Engine, outcome.Metadata, outcome.Code, outcome.Message, now, hooks, followup);
        if (await store.CompleteAsync(owner, terminal, outputs, cancellationToken) is not { } settled)
        {
            Log.LeaseLost(logger, job.Id);
            return false;
        }

        JobsMetrics.Terminal(outcome.Status);
        Log.JobFinished(logger, job.Id, outcome.Status, outcome.Engine, outcome.Code);
        faults.Hit("jobs.after-complete");
        await finisher.AfterCommitAsync(stored with { Job = finished with { HooksPending = hooks }, HoldResolution = resolution, HoldResolved = settled }, cancellationToken);
        return true;
    }

    /// <summary>
    /// A blob may be shared with an expiring job whose sweep checked "no row names it" just before our rows committed and
    /// deleted it after our put: put it back. (Cheap: one file-exists check per output.)
    /// </summary>
    private async Task EnsureBlobsAsync(IReadOnlyList<JobOutput> outputs, JobResult result)
    {
        for (var i = 0; i < outputs.Count; i++)
        {
            if (!await blobs.ExistsAsync(outputs[i].BlobHash))
            {
                await blobs.PutAsync(result.Outputs[i].Content);
            }
        }
    }

    private async Task HeartbeatAsync(string jobId, string owner, LocalRun run, CancellationToken cancellationToken)
    {
        var interval = _options.Lease / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken);
                var beat = await store.HeartbeatAsync(jobId, owner, Now + (long)_options.Lease.TotalMilliseconds, cancellationToken);
                if (beat is null)
                {
                    run.Stop(LocalRun.StopReason.LeaseLost);
                    return;
                }

                if (beat.Value)
                {
                    run.Stop(LocalRun.StopReason.Canceled);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // the run ended
            }
#pragma warning disable CA1031 // A failed heartbeat is retried at the next beat; the lease outlasts two more.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.WorkerFailed(logger, "heartbeat", exception);
            }
        }
    }

    private sealed record Outcome(string Status, string? Engine, System.Text.Json.Nodes.JsonObject? Metadata, string? Code, string? Message)
    {
        public static Outcome Canceled(string? engine) => new(JobStatus.Canceled, engine, null, JobErrors.Canceled, "The job was canceled.");

        public static Outcome DeadlineExceeded(string? engine) =>
            new(JobStatus.Failed, engine, null, JobErrors.DeadlineExceeded, "The job did not finish before its deadline.");

        public static Outcome Fail(string? engine, string code, string message) => new(JobStatus.Failed, engine, null, code, message);
    }
}
