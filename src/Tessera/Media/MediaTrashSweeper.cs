using Microsoft.Extensions.Options;

namespace Tessera.Media;

/// <summary>
/// Every <see cref="MediaOptions.TrashSweepInterval"/>: purges what has been in a trash longer than
/// <see cref="MediaOptions.TrashRetention"/> (and so the blobs no asset names any more). Safe on several nodes: purging
/// an asset twice deletes nothing twice.
/// </summary>
internal sealed class MediaTrashSweeper(MediaStore store, MediaLibrary library, TimeProvider time, IOptions<MediaOptions> options, ILogger<MediaTrashSweeper> logger)
    : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.TrashSweepInterval, time, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The sweep outlives one failed pass; the next one retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.WorkerFailed(logger, nameof(MediaTrashSweeper), exception);
            }
        }
    }

    /// <summary>One pass; returns how many assets it purged.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = await store.ExpiredTrashAsync(time.GetUtcNow() - options.Value.TrashRetention, Batch, cancellationToken);
        foreach (var account in expired.GroupBy(item => item.AccountId))
        {
            await library.PurgeAsync(account.Key, [.. account.Select(item => item.Id)], cancellationToken);
        }

        if (expired.Count > 0)
        {
            Log.TrashEmptied(logger, expired.Count);
        }

        return expired.Count;
    }
}
