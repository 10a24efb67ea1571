using Microsoft.Extensions.Options;
using Tessera.Http;
using Tessera.Ledger;

namespace Tessera.Jobs;

/// <summary>
/// What follows a terminal commit: resolve the hold the way the row says (post or void, never both — the resolution was
/// written in the terminal transaction), then call every <see cref="IJobTerminalHook"/>. The worker calls this right
/// after its commit; the sweep calls it again for jobs whose <c>followup_at</c> passed (a crash, a failed ledger call
/// or hook). Repeats are safe: the ledger call carries the idempotency key <c>job:{id}:{resolution}</c>, so a second
/// post of a posted hold is a replay that moves nothing.
/// </summary>
internal sealed class JobFinisher(
    JobStore store, LedgerService ledger, IEnumerable<IJobTerminalHook> hooks, FaultPoints faults, TimeProvider time,
    IOptions<JobsOptions> options, ILogger<JobFinisher> logger)
{
    private readonly IJobTerminalHook[] _hooks = [.. hooks];

    public bool HasHooks => _hooks.Length > 0;

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
        var key = $"job:{job.Id}:{resolution}";
        var result = resolution == HoldResolutions.Post
            ? await ledger.PostAsync(job.HoldId!, null, key, cancellationToken)
            : await ledger.VoidAsync(job.HoldId!, key, cancellationToken);
        if (result.IsSuccess)
        {
            return true;
        }

        // Expired (the job outlived its hold: the credits already went back) or resolved by something else: nothing
        // more this job can do about it, and retrying would not change it.
        if (result.Error.Code is "hold_expired" or "hold_already_resolved" or "not_found")
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
        foreach (var hook in _hooks)
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
