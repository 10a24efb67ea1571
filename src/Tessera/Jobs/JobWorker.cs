using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Jobs;

/// <summary>
/// The node's worker: <see cref="JobsOptions.Concurrency"/> slots; whenever some are free it claims that many due jobs
/// in one statement (a batch claim: one write transaction for up to N jobs instead of one each) and runs them. A local
/// submit or a freed slot wakes it at once; otherwise it polls every <see cref="JobsOptions.PollInterval"/> for jobs
/// other nodes submitted and for leases that lapsed.
/// </summary>
internal sealed class JobWorker(JobStore store, JobRunner runner, JobSignal signal, TimeProvider time, IOptions<JobsOptions> options, ILogger<JobWorker> logger)
    : BackgroundService
{
    private readonly JobsOptions _options = options.Value;
    private readonly string _node = Ids.New("node_", 8);
    private long _claims;
    private int _free;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Concurrency <= 0)
        {
            return;
        }

        _free = _options.Concurrency;
        var running = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = Volatile.Read(ref _free);
                var claimed = free == 0 ? [] : await ClaimAsync(free, stoppingToken);
                foreach (var job in claimed)
                {
                    Interlocked.Decrement(ref _free);
                    var task = RunAsync(job.Stored, job.Owner, stoppingToken);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(done => { lock (running) { running.Remove(done); } }, TaskScheduler.Default);
                }

                if (free == 0 || claimed.Count < free)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The worker outlives a failed claim (database busy, network blip); it tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.WorkerFailed(logger, nameof(JobWorker), exception);
                await Task.Delay(_options.PollInterval, time, CancellationToken.None);
            }
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        // Each run sees the stopping token and hands its job back (requeued) before the host finishes stopping.
        await Task.WhenAll(remaining);
    }

    private async Task<List<(StoredJob Stored, string Owner)>> ClaimAsync(int free, CancellationToken cancellationToken)
    {
        // One lease owner per claim: unique across nodes and claims, so a worker's later changes apply only to the
        // jobs it claimed, never to the same job reclaimed by someone else after its lease lapsed.
        var owner = $"{_node}:{Interlocked.Increment(ref _claims)}";
        var leaseUntil = time.GetUtcNow().Add(_options.Lease).ToUnixTimeMilliseconds();
        var jobs = await store.ClaimAsync(owner, free, leaseUntil, cancellationToken);
        return jobs.ConvertAll(job => (job, owner));
    }

    private async Task RunAsync(StoredJob job, string owner, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await runner.RunAsync(job, owner, stoppingToken);
        }
#pragma warning disable CA1031 // One job's unexpected failure must not stop the worker; its lease lapses and it is claimed again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.WorkerFailed(logger, job.Job.Id, exception);
        }
        finally
        {
            Interlocked.Increment(ref _free);
            signal.Notify();
        }
    }
}
