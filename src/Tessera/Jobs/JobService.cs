using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Http;
using Tessera.Ledger;

namespace Tessera.Jobs;

/// <summary>
/// The surfaces' door to the queue: submit (hold first, then the row), read, list, cancel, outputs. Running the jobs
/// is the <see cref="JobWorker"/>'s business; see docs/jobs.md for the lifecycle.
/// </summary>
public sealed class JobService
{
    /// <summary>DECISIONS.md: the same Idempotency-Key from the same account within 24 h returns the first response.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    private readonly JobStore _store;
    private readonly JobModels _models;
    private readonly LedgerService _ledger;
    private readonly JobFinisher _finisher;
    private readonly JobSignal _signal;
    private readonly LocalRuns _runs;
    private readonly TimeProvider _time;
    private readonly JobsOptions _options;
    private readonly ILogger<JobService> _logger;

    internal JobService(
        JobStore store, JobModels models, LedgerService ledger, JobFinisher finisher, JobSignal signal, LocalRuns runs,
        TimeProvider time, IOptions<JobsOptions> options, ILogger<JobService> logger)
    {
        _store = store;
        _models = models;
        _ledger = ledger;
        _finisher = finisher;
        _signal = signal;
        _runs = runs;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Places the credit hold (the model's cost for this input) and queues the job. Not enough credits → 402
    /// <c>insufficient_credits</c> and no job. A replayed Idempotency-Key returns the first job and does nothing.
    /// </summary>
    public async Task<Result<JobSubmitted>> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.AccountId) || string.IsNullOrWhiteSpace(submission.Surface))
        {
            return Error.Validation("A job needs an account and a surface.");
        }

        // Whichever surface submits: an input that is not Unicode or holds numbers out of range cannot be priced or stored.
        if (JsonInput.Check(submission.Input) is { } unusable)
        {
            return unusable;
        }

        if (_models.Find(submission.Model) is not { } model)
        {
            return JobErrors.ModelNotFound(submission.Model);
        }

        if (_models.UnavailableReason(model) is { } unavailable)
        {
            return JobErrors.Unavailable(model.Id, unavailable);
        }

        var holdTimeout = submission.HoldTimeout ?? _options.DefaultHoldTimeout;
        var deadline = submission.Deadline ?? _options.DefaultDeadline;
        var lifetime = submission.OutputLifetime ?? _options.DefaultOutputLifetime;
        if (holdTimeout <= TimeSpan.Zero || deadline <= TimeSpan.Zero || lifetime <= TimeSpan.Zero)
        {
            return Error.Validation("Hold timeout, deadline and output lifetime must be positive.");
        }

        var cost = model.CostFor(submission.Input);
        var minorCost = cost > 0 ? Currency.Credits.ToMinor(cost) : 0L;
        if (!minorCost.IsSuccess)
        {
            return minorCost.Error;
        }

        // The deadline is shorter than the hold (DECISIONS.md: 5 min vs 10), so a job never runs on an expired hold.
        if (minorCost.Value > 0 && deadline >= holdTimeout)
        {
            return Error.Validation("The deadline must be shorter than the credit hold.");
        }

        var jobId = Ids.NewSequential("job_", _time.GetUtcNow());
        if (submission.IdempotencyKey is { } key && await ReserveKeyAsync(submission.AccountId, key, jobId, cancellationToken) is { } replay)
        {
            return replay;
        }

        string? holdId = null;
        if (minorCost.Value > 0)
        {
            var hold = await _ledger.HoldAsync(submission.AccountId, Currency.Credits.Name, cost, holdTimeout, null, cancellationToken: cancellationToken);
            if (!hold.IsSuccess)
            {
                if (submission.IdempotencyKey is not null)
                {
                    await _store.ReleaseKeyAsync(submission.AccountId, submission.IdempotencyKey, jobId, CancellationToken.None);
                }

                return hold.Error;
            }

            holdId = hold.Value.Id;
        }

        var remaining = await AvailableCreditsAsync(submission.AccountId, cancellationToken);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var job = new NewJob(
            jobId, submission.Surface, submission.AccountId, submission.Model, submission.Input.GetRawText(), _options.MaxAttempts,
            now, now + (long)deadline.TotalMilliseconds, holdId, minorCost.Value, submission.WebhookUrl, now + (long)lifetime.TotalMilliseconds,
            submission.IdempotencyKey, remaining);
        try
        {
            await _store.InsertAsync(job, cancellationToken);
        }
        catch (Exception exception) when (holdId is not null)
        {
            Log.InsertFailed(_logger, job.Id, holdId, exception);
            await _ledger.VoidAsync(holdId, null, CancellationToken.None);
            throw;
        }

        JobsMetrics.Submitted.Add(1);
        _signal.Notify();
        var stored = await _store.FindAsync(job.Id, cancellationToken);
        return new JobSubmitted(stored!.Job, Currency.Credits.ToDisplay(remaining), Replayed: false);
    }

    /// <summary>
    /// Claims the Idempotency-Key for <paramref name="jobId"/> before any credits are held, so concurrent duplicates never
    /// hold twice. Null: the key is ours, go on. Otherwise the first submit's answer, once its job exists.
    /// </summary>
    private async Task<Result<JobSubmitted>?> ReserveKeyAsync(string accountId, string key, string jobId, CancellationToken cancellationToken)
    {
        var abandonedAfter = (long)TimeSpan.FromSeconds(30).TotalMilliseconds;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (await _store.ReserveKeyAsync(accountId, key, jobId, cancellationToken))
            {
                return null;
            }

            if (await _store.FindIdempotentAsync(accountId, key, cancellationToken) is not { } prior)
            {
                continue; // the first submit made no job and let the key go
            }

            if (await _store.FindAsync(prior.JobId, cancellationToken) is { } first)
            {
                // Read the key again: the credits it reports commit with the job row, which may have landed after the first read.
                var settled = await _store.FindIdempotentAsync(accountId, key, cancellationToken) ?? prior;
                return new JobSubmitted(first.Job, Currency.Credits.ToDisplay(settled.CreditsRemaining), Replayed: true);
            }

            // The first submit is still placing its hold — or died doing so: then its reservation is taken over.
            if (_time.GetUtcNow().ToUnixTimeMilliseconds() - prior.CreatedAt > abandonedAfter
                && await _store.TakeOverKeyAsync(accountId, key, prior.JobId, jobId, cancellationToken))
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken);
        }

        return Error.Conflict("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry shortly.");
    }

    /// <summary>The job, if <paramref name="accountId"/> owns it; <c>expired</c> (410) once its outputs are gone.</summary>
    public async Task<Result<Job>> GetAsync(string accountId, string jobId, CancellationToken cancellationToken = default)
    {
        var stored = await _store.FindAsync(jobId, cancellationToken);
        if (stored is null || !string.Equals(stored.Job.AccountId, accountId, StringComparison.Ordinal))
        {
            return JobErrors.NotFound(jobId);
        }

        return stored.Job.Expired ? JobErrors.Expired(jobId) : stored.Job;
    }

    /// <summary>The account's jobs, most recent first (expired ones included, with <see cref="Job.Expired"/> set).</summary>
    public async Task<JobPage> ListAsync(string accountId, int limit = 20, string? cursor = null, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, JobPage.MaxLimit);
        var jobs = await _store.PageAsync(accountId, limit, cursor, cancellationToken);
        return new JobPage(jobs, jobs.Count == limit ? jobs[^1].Id : null);
    }

    /// <summary>
    /// Cancels a job: a queued one at once (its hold voided); a running one by signalling its worker — at once on this
    /// node, through the row's <c>cancel_requested</c> at the next heartbeat on another — waiting up to
    /// <see cref="JobsOptions.CancelWait"/> for it to stop. A finished job → 409 <c>job_finished</c>.
    /// </summary>
    public async Task<Result<Job>> CancelAsync(string accountId, string jobId, CancellationToken cancellationToken = default)
    {
        var found = await GetAsync(accountId, jobId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var job = found.Value;
        if (job.IsTerminal)
        {
            return JobErrors.AlreadyFinished(jobId, job.Status);
        }

        if (job.Status == JobStatus.Queued)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var terminal = new Terminal(
                jobId, JobStatus.Canceled, job.HoldId is null ? null : HoldResolutions.Void, null, null, JobErrors.Canceled,
                "The job was canceled.", now, _finisher.HasHooks, FollowupAt(now, job.HoldId is not null));
            if (await _store.CancelQueuedAsync(terminal, cancellationToken))
            {
                JobsMetrics.Canceled.Add(1);
                await _finisher.FinishAsync((await _store.FindAsync(jobId, cancellationToken))!, CancellationToken.None);
                return await GetAsync(accountId, jobId, cancellationToken);
            }
        }

        // Running (or claimed since we read it): ask the worker that holds it.
        await _store.RequestCancelAsync(jobId, cancellationToken);
        _runs.Cancel(jobId);
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(25);
        while (waited < _options.CancelWait)
        {
            var current = await GetAsync(accountId, jobId, cancellationToken);
            if (!current.IsSuccess || current.Value.IsTerminal)
            {
                return current;
            }

            if (current.Value.Status == JobStatus.Queued)
            {
                return await CancelAsync(accountId, jobId, cancellationToken);
            }

            await Task.Delay(step, _time, cancellationToken);
            waited += step;
        }

        return await GetAsync(accountId, jobId, cancellationToken);
    }

    /// <summary>One stored output of a job (for the file route); null when there is none (never made, or expired).</summary>
    public async Task<(Job Job, JobOutput Output)?> OutputAsync(string jobId, int index, CancellationToken cancellationToken = default)
    {
        var stored = await _store.FindAsync(jobId, cancellationToken);
        return stored?.Job.Outputs.FirstOrDefault(output => output.Index == index) is { } output ? (stored.Job, output) : null;
    }

    internal long? FollowupAt(long now, bool holdPending) =>
        holdPending || _finisher.HasHooks ? now + (long)_options.FollowupDelay.TotalMilliseconds : null;

    private async Task<long> AvailableCreditsAsync(string accountId, CancellationToken cancellationToken)
    {
        var balances = await _ledger.BalancesAsync(accountId, cancellationToken);
        return (long)(balances.Where(b => b.Currency == Currency.Credits.Name).Sum(b => b.Available) * Currency.Credits.MinorPerUnit);
    }
}
