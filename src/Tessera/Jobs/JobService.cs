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
    private readonly JobStore _store;
    private readonly JobModels _models;
    private readonly JobHandlers _handlers;
    private readonly LedgerService _ledger;
    private readonly JobFinisher _finisher;
    private readonly JobSignal _signal;
    private readonly LocalRuns _runs;
    private readonly TimeProvider _time;
    private readonly JobsOptions _options;

    internal JobService(
        JobStore store, JobModels models, JobHandlers handlers, LedgerService ledger, JobFinisher finisher, JobSignal signal, LocalRuns runs,
        TimeProvider time, IOptions<JobsOptions> options)
    {
        _store = store;
        _models = models;
        _handlers = handlers;
        _ledger = ledger;
        _finisher = finisher;
        _signal = signal;
        _runs = runs;
        _time = time;
        _options = options.Value;
    }

    /// <summary>
    /// Places the hold of a priced job, in the transaction that inserts the job (a generation job: its model's cost in credits; another kind: its
    /// <see cref="JobSubmission.Price"/>, in any ledger currency) and queues the job. Not enough money → 402
    /// <c>insufficient_credits</c> and no job. Retries are made safe by the routes' <c>Idempotency-Key</c> (docs/idempotency.md).
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

        var price = PriceOf(submission);
        if (!price.IsSuccess)
        {
            return price.Error;
        }

        var holdTimeout = submission.HoldTimeout ?? _options.DefaultHoldTimeout;
        var deadline = submission.Deadline ?? _options.DefaultDeadline;
        var lifetime = submission.OutputLifetime ?? _options.DefaultOutputLifetime;
        if (holdTimeout <= TimeSpan.Zero || deadline <= TimeSpan.Zero || lifetime <= TimeSpan.Zero)
        {
            return Error.Validation("Hold timeout, deadline and output lifetime must be positive.");
        }

        var (currency, amount) = price.Value;
        var minorCost = currency is null || amount == 0 ? 0L : currency.ToMinor(amount);
        if (!minorCost.IsSuccess)
        {
            return minorCost.Error;
        }

        // The deadline is shorter than the hold (DECISIONS.md: 5 min vs 10), so a job never runs on an expired hold.
        if (minorCost.Value > 0 && deadline >= holdTimeout)
        {
            return Error.Validation("The deadline must be shorter than the hold.");
        }

        HoldPlan? hold = null;
        if (minorCost.Value > 0)
        {
            var planned = await _ledger.PlanHoldAsync(submission.AccountId, currency!.Name, amount, holdTimeout, SystemOwners.Revenue, cancellationToken);
            if (!planned.IsSuccess)
            {
                return planned.Error;
            }

            hold = planned.Value;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var job = new NewJob(
            submission.Id ?? Ids.NewSequential("job_", _time.GetUtcNow()), submission.Kind, submission.Surface, submission.AccountId, submission.Model,
            submission.Input.GetRawText(), _options.MaxAttempts, now, now + (long)deadline.TotalMilliseconds, HoldId: null, currency?.Name,
            minorCost.Value, submission.WebhookUrl, now + (long)lifetime.TotalMilliseconds);
        var inserted = await _store.InsertAsync(job, hold, cancellationToken);
        if (!inserted.IsSuccess)
        {
            return inserted.Error;
        }

        decimal? remaining = currency is null ? null : await _ledger.AvailableAsync(submission.AccountId, currency, cancellationToken);
        JobsMetrics.Submitted.Add(1);
        _signal.Notify();
        // The queued job as its row now reads, built from what was written rather than read back (one query less per submit).
        return new JobSubmitted(inserted.Value.Queued(submission.Input.Clone()), remaining);
    }

    /// <summary>
    /// What the job costs and in what: a generation job its model's cost in credits (null currency never: even a free
    /// model reports the credits left); another kind its own price, or nothing. Refuses a model that cannot run here,
    /// a kind no handler runs, and a price that is not a positive amount of a ledger currency.
    /// </summary>
    private Result<(Currency? Currency, decimal Amount)> PriceOf(JobSubmission submission)
    {
        if (submission.Kind == JobKinds.Generation)
        {
            if (submission.Price is not null)
            {
                return Error.Validation("A generation job is priced by its model.");
            }

            if (submission.Model is null || _models.Find(submission.Model) is not { } model)
            {
                return JobErrors.ModelNotFound(submission.Model ?? "");
            }

            if (_models.UnavailableReason(model) is { } unavailable)
            {
                return JobErrors.Unavailable(model.Id, unavailable);
            }

            var cost = model.CostFor(submission.Input);
            return (Currency.Credits, cost > 0 ? cost : 0);
        }

        if (_handlers.Find(submission.Kind) is null)
        {
            return JobErrors.UnknownKind(submission.Kind);
        }

        if (submission.Model is not null)
        {
            return Error.Validation($"Only generation jobs name a model; a '{submission.Kind}' job does not.");
        }

        if (submission.Price is not { } price)
        {
            return ((Currency?)null, 0m);
        }

        var currency = Currency.Parse(price.Currency);
        if (!currency.IsSuccess)
        {
            return currency.Error;
        }

        return price.Amount > 0 ? (currency.Value, price.Amount) : Error.Validation("A job's price must be a positive amount.");
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
            var canceled = job with { Status = JobStatus.Canceled, ErrorCode = JobErrors.Canceled, ErrorMessage = "The job was canceled." };
            var hooks = _finisher.HooksWant(canceled);
            var terminal = new Terminal(
                jobId, JobStatus.Canceled, job.HoldId, job.HoldId is null ? null : HoldResolutions.Void, null, null, JobErrors.Canceled,
                "The job was canceled.", now, hooks, FollowupAt(now, job.HoldId is not null, hooks));
            if (await _store.CancelQueuedAsync(terminal, cancellationToken) is { } settled)
            {
                JobsMetrics.Canceled.Add(1);
                var stored = (await _store.FindAsync(jobId, cancellationToken))!;
                await _finisher.AfterCommitAsync(stored with { HoldResolved = settled }, CancellationToken.None);
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

    private long? FollowupAt(long now, bool holdPending, bool hooks) =>
        holdPending || hooks ? now + (long)_options.FollowupDelay.TotalMilliseconds : null;
}
