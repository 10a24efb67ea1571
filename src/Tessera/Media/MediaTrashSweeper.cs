using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Media;

/// <summary>
/// Every <see cref="MediaOptions.TrashSweepInterval"/>: purges what has been in a trash longer than
/// <see cref="MediaOptions.TrashRetention"/> (and so the blobs no asset names any more). Safe on several nodes: purging
/// an asset twice deletes nothing twice.
/// </summary>
internal sealed class MediaTrashSweeper(MediaStore store, MediaLibrary library, TimeProvider time, IOptions<MediaOptions> options, ILogger<MediaTrashSweeper> logger)
    : PeriodicWorker(time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval => options.Value.TrashSweepInterval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return false;
    }

    /// <summary>One pass; returns how many assets it purged.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = await store.ExpiredTrashAsync(Time.GetUtcNow() - options.Value.TrashRetention, Batch, cancellationToken);
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
