using Microsoft.Extensions.Options;
using Tessera.Http;
using Tessera.Ledger;

namespace Tessera.Jobs;

/// <summary>
/// What follows a terminal commit: the hold's resolution when the terminal transaction could not make it (the ledger
/// refused for now; normally the post or void commits with the terminal status, see <see cref="JobStore.CompleteAsync"/>),
/// then every <see cref="IJobTerminalHook"/> that wants the job. The worker calls this right after its commit; the sweep
/// calls it again for jobs whose <c>followup_at</c> passed (a crash, a failed ledger call or hook). Repeats are safe:
/// the ledger call carries the idempotency key <c>job:{id}:{resolution}</c>, so a second post of a posted hold is a
/// replay that moves nothing.
/// </summary>
internal sealed class JobFinisher(
    JobStore store, LedgerService ledger, IEnumerable<IJobTerminalHook> hooks, FaultPoints faults, TimeProvider time,
    IOptions<JobsOptions> options, ILogger<JobFinisher> logger)
{
    private readonly IJobTerminalHook[] _hooks = [.. hooks];

    /// <summary>Whether some hook wants to hear about <paramref name="job"/>'s end (recorded as <c>hooks_pending</c>).</summary>
    public bool HooksWant(Jobs.Job job) => _hooks.Any(hook => hook.Wants(job));

    /// <summary>The ledger idempotency key of a job's hold resolution: the same in the terminal commit and every retry.</summary>
    public static string LedgerKey(string jobId, string resolution) => $"job:{jobId}:{resolution}";

    /// <summary>
    /// A ledger refusal that ends the matter: the hold expired (the job outlived it; the money already went back) or was
    /// resolved or removed by something else. Retrying would not change it.
    /// </summary>
    public static bool IsSettled(Common.Error error) => error.Code is "hold_expired" or "hold_already_resolved" or "not_found";

    /// <summary>
    /// Right after a terminal commit: when that commit settled the hold (or there was none) and no hook wants the job,
    /// the job is done and recorded so — no write at all; otherwise <see cref="FinishAsync"/>.
    /// </summary>
    public async Task AfterCommitAsync(StoredJob stored, CancellationToken cancellationToken)
    {
        if ((stored.HoldResolved || stored.HoldResolution is null || stored.Job.HoldId is null) && !stored.Job.HooksPending)
        {
            faults.Hit("jobs.after-hold"); // the hold was resolved in the commit just made
            return;
        }

        await FinishAsync(stored, cancellationToken);
    }

    public async Task FinishAsync(StoredJob stored, CancellationToken cancellationToken)
    {
        var job = stored.Job;
        var holdDone = stored.HoldResolved || stored.HoldResolution is null || job.HoldId is null
            || await ResolveHoldAsync(job, stored.HoldResolution, cancellationToken);
        faults.Hit("jobs.after-hold");

        var hooksDone = !job.HooksPending || await CallHooksAsync(job, cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        long? followup = holdDone && hooksDone ? null : now + (long)options.Value.FollowupDelay.TotalMilliseconds;
        await store.FinishedAsync(job.Id, holdDone && stored.HoldResolution is not null ? now : null, !hooksDone, followup, cancellationToken);
    }

    private async Task<bool> ResolveHoldAsync(Jobs.Job job, string resolution, CancellationToken cancellationToken)
    {
        var key = LedgerKey(job.Id, resolution);
        var result = resolution == HoldResolutions.Post
            ? await ledger.PostAsync(job.HoldId!, null, key, cancellationToken)
            : await ledger.VoidAsync(job.HoldId!, key, cancellationToken);
        if (result.IsSuccess)
        {
            return true;
        }

        if (IsSettled(result.Error))
        {
            Log.HoldAlreadySettled(logger, job.Id, job.HoldId!, resolution, result.Error.Code);
            return true;
        }

        Log.HoldResolveFailed(logger, job.Id, job.HoldId!, resolution, result.Error.Code);
        return false;
    }

    private async Task<bool> CallHooksAsync(Jobs.Job job, CancellationToken cancellationToken)
    {
        var ok = true;
        foreach (var hook in _hooks.Where(hook => hook.Wants(job)))
        {
            try
            {
                await hook.OnTerminalAsync(job, cancellationToken);
            }
#pragma warning disable CA1031 // One hook's failure is retried by the sweep; it must not stop the others or the worker.
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Log.HookFailed(logger, job.Id, hook.GetType().Name, exception);
                ok = false;
            }
        }

        return ok;
    }
}

/// <summary>The two ways a job's hold can end, as stored in <c>jobs.hold_resolution</c>.</summary>
internal static class HoldResolutions
{
    public const string Post = "post";
    public const string Void = "void";
}
