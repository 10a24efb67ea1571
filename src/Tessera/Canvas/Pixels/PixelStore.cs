using Tessera.Common;
using Tessera.Hosting;
using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// Pixel writes: checked (inside the canvas, owned by the writer), appended to the log as one row, committed, then
/// applied to this node's raster and published to live streams. A write is all or nothing: it is one row, so a
/// crash before the commit leaves nothing and after it leaves the whole write.
/// </summary>
public sealed class PixelStore(
    CanvasRegistry canvases,
    ClaimService claims,
    TesseraDatabase database,
    PixelEvents events,
    TimeProvider time,
    FaultPoints faults) : IAsyncDisposable
{
    public const string AfterInsertFault = "canvas.bulk.after-insert";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<PixelBatchWriter>> _writers = new(StringComparer.Ordinal);

    public async Task<Result<long>> WriteAsync(string canvas, string accountId, IReadOnlyList<PixelChange> changes, CancellationToken cancellationToken = default)
    {
        if (canvases.Find(canvas) is not { } state)
        {
            return Error.NotFound($"No pixel canvas '{canvas}'.");
        }

        foreach (var change in changes)
        {
            if (!state.Contains(change.X, change.Y))
            {
                return Error.Validation($"Pixel ({change.X},{change.Y}) is outside the {state.Definition.Width}x{state.Definition.Height} canvas.");
            }
        }

        if (!state.Claims.OwnsAll(accountId, changes))
        {
            // The grid may not know a claim made moments ago (here or on another node): reload before refusing.
            await ReloadClaimsAsync(state, cancellationToken);
            if (!state.Claims.OwnsAll(accountId, changes))
            {
                var stranger = changes.First(change => state.Claims.OwnerAt(change.X, change.Y) != accountId);
                return Error.Forbidden("not_owner", $"You don't own pixel ({stranger.X},{stranger.Y}).");
            }
        }

        // Committed before this returns; a caller that gives up waiting does not undo it.
        return await WriterFor(state).WriteAsync(accountId, time.GetUtcNow(), changes).WaitAsync(cancellationToken);
    }

    /// <summary>Null when <paramref name="accountId"/> owns every pixel of the rectangle, else the 403 to answer.</summary>
    public async Task<Error?> CheckOwnsRectangleAsync(CanvasState state, string accountId, int x, int y, int width, int height, CancellationToken cancellationToken)
    {
        var stranger = state.Claims.FirstNotOwned(accountId, x, y, width, height);
        if (stranger is not null)
        {
            await ReloadClaimsAsync(state, cancellationToken);
            stranger = state.Claims.FirstNotOwned(accountId, x, y, width, height);
        }

        return stranger is { } p ? Error.Forbidden("not_owner", $"You don't own pixel ({p.X},{p.Y}).") : null;
    }

    /// <summary>Applies writes other nodes committed (the feed calls this; so does start-up, from seq 0).</summary>
    public async Task CatchUpAsync(CanvasState state, CancellationToken cancellationToken)
    {
        await state.WriteLock.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync(state, cancellationToken);
        }
        finally
        {
            state.WriteLock.Release();
        }
    }

    /// <summary>Every write after <paramref name="after"/>, oldest first, read from the log a page at a time.</summary>
    public async IAsyncEnumerable<PixelEvent> ReadLogAsync(string canvas, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await foreach (var change in PixelLog.ReadAllAfterAsync(connection, canvas, after, cancellationToken))
        {
            yield return change;
        }
    }

    public async Task ReloadClaimsAsync(CanvasState state, CancellationToken cancellationToken)
    {
        foreach (var claim in await claims.ListAsync(state.Id, null, cancellationToken))
        {
            state.Claims.Add(claim);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers.Values)
        {
            await writer.Value.DisposeAsync();
        }
    }

    private PixelBatchWriter WriterFor(CanvasState state) =>
        _writers.GetOrAdd(state.Id, _ => new Lazy<PixelBatchWriter>(() => new PixelBatchWriter(state, database, faults, CatchUpLockedAsync, events.Publish))).Value;

    private async Task CatchUpLockedAsync(CanvasState state, CancellationToken cancellationToken)
    {
        await foreach (var change in ReadLogAsync(state.Id, state.Raster.Seq, cancellationToken))
        {
            state.Apply(change);
            events.Publish(change);
        }
    }
}
