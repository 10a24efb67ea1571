using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// Analyses new assets out of the request path (<see cref="MediaAnalyzer"/>), a few at a time, woken by uploads on this
/// node and polling for the others'. Analysis is idempotent, so two nodes analysing one asset at once only write the
/// same result twice.
/// </summary>
internal sealed class MediaAnalysisWorker(
    MediaStore store, MediaAnalyzer analyzer, MediaAnalysisSignal signal, [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, ILogger<MediaAnalysisWorker> logger)
    : BackgroundService
{
    private const int Batch = 8;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) < Batch)
                {
                    await signal.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker outlives one failed pass; the next one retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.WorkerFailed(logger, nameof(MediaAnalysisWorker), exception);
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    /// <summary>Analyses up to one batch of pending assets; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var pending = await store.PendingAnalysisAsync(Batch, cancellationToken);
        foreach (var (id, hash, kind) in pending)
        {
            await using var content = await blobs.OpenReadAsync(hash, cancellationToken);
            var result = content is null
                ? new MediaAnalysisResult(null, null, [], [], null, null, null, Failed: true)
                : await analyzer.AnalyseAsync(content, kind, cancellationToken);
            if (result.Failed)
            {
                Log.AnalysisFailed(logger, id, content is null ? "blob missing" : "unreadable");
            }

            await store.SaveAnalysisAsync(id, result, cancellationToken);
        }

        return pending.Count;
    }
}
