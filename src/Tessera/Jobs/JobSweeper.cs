using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Jobs;

/// <summary>
/// Every <see cref="JobsOptions.SweepInterval"/>, on every node: finishes terminal jobs whose hold or hooks are overdue
/// (<see cref="JobFinisher"/>), and expires outputs past their lifetime. Safe on several nodes at once: a followup is
/// claimed by pushing its time forward in a conditional UPDATE, and expiring a job twice deletes nothing twice.
/// </summary>
internal sealed class JobSweeper(
    JobStore store, JobFinisher finisher, IBlobStore blobs, TimeProvider time, IOptions<JobsOptions> options, ILogger<JobSweeper> logger)
    : PeriodicWorker(time, logger)
{
    private const int Batch = 100;

    private readonly JobsOptions _options = options.Value;

    protected override TimeSpan Interval => _options.SweepInterval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return false;
    }

    /// <summary>One pass (tests call it directly).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await FinishOverdueAsync(cancellationToken);
        await ExpireOutputsAsync(cancellationToken);
    }

    public async Task FinishOverdueAsync(CancellationToken cancellationToken)
    {
        var next = Time.GetUtcNow().Add(_options.FollowupDelay).ToUnixTimeMilliseconds();
        foreach (var job in await store.ClaimFollowupsAsync(Batch, next, cancellationToken))
        {
            await finisher.FinishAsync(job, cancellationToken);
        }
    }

    /// <summary>Deletes the outputs of jobs past <c>expires_at</c>, and each blob no remaining output row names.</summary>
    public async Task<int> ExpireOutputsAsync(CancellationToken cancellationToken)
    {
        var due = await store.DueForExpiryAsync(Batch, cancellationToken);
        var deleted = 0;
        foreach (var id in due)
        {
            foreach (var hash in (await store.ExpireAsync(id, cancellationToken)).Distinct(StringComparer.Ordinal))
            {
                // Shared blobs (two jobs, same bytes) stay while another job's output row still names them.
                if (!await store.BlobInUseAsync(hash, cancellationToken) && await blobs.DeleteAsync(hash, cancellationToken))
                {
                    deleted++;
                }
            }
        }

        if (due.Count > 0)
        {
            Log.JobsExpired(logger, due.Count, deleted);
        }

        return due.Count;
    }
}
