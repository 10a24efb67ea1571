using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// Analyses new assets out of the request path (<see cref="MediaAnalyzer"/>), a few at a time, woken by uploads on this
/// node and polling for the others'. Analysis is idempotent, so two nodes analysing one asset at once only write the
/// same result twice.
/// </summary>
internal sealed class MediaAnalysisWorker(
    MediaStore store, MediaAnalyzer analyzer, MediaAnalysisSignal signal, [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs,
    TimeProvider time, IOptions<MediaOptions> options, ILogger<MediaAnalysisWorker> logger)
    : PeriodicWorker(time, logger)
{
    private const int Batch = 8;

    protected override TimeSpan Interval => options.Value.AnalysisPollInterval;

    protected override bool RunAtStart => true;

    /// <summary>A full batch means more may be waiting: the next pass starts at once.</summary>
    protected override async Task<bool> PassAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken) == Batch;

    /// <summary>Woken at once by an upload on this node; polls for other nodes' uploads.</summary>
    protected override Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => signal.WaitAsync(interval, cancellationToken);

    /// <summary>Analyses up to one batch of pending assets; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var pending = await store.PendingAnalysisAsync(Batch, cancellationToken);
        foreach (var (id, hash, kind, autoTag) in pending)
        {
            await using var content = await blobs.OpenReadAsync(hash, cancellationToken);
            var result = content is null
                ? new MediaAnalysisResult(null, null, [], [], null, null, null, Failed: true)
                : await analyzer.AnalyseAsync(content, kind, autoTag, cancellationToken);
            if (result.Failed)
            {
                Log.AnalysisFailed(logger, id, content is null ? "blob missing" : "unreadable");
            }

            await store.SaveAnalysisAsync(id, result, cancellationToken);
        }

        return pending.Count;
    }
}
