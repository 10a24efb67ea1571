using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Http;
using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// Pixel writes: checked (inside the canvas, owned by the writer, links within their cap), repeats collapsed, appended
/// to the log as one row and to the per-pixel history, committed, then applied to this node's raster and published to
/// live streams. A write is all or nothing: one transaction, so a crash before the commit leaves nothing and after it
/// leaves the whole write.
/// </summary>
public sealed class PixelStore(
    CanvasRegistry canvases,
    ClaimService claims,
    TesseraDatabase database,
    PixelEvents events,
    TimeProvider time,
    FaultPoints faults,
    IOptions<PixelOptions> options) : IAsyncDisposable
{
    public const string AfterInsertFault = "canvas.bulk.after-insert";

    private const string SnapshotOf = "SELECT seq, data FROM pixel_snapshots WHERE canvas = @canvas";

    private readonly TurnGate _historyReads = new(options.Value.MaxConcurrentHistoryReads);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<PixelBatchWriter>> _writers = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="changes"/> (repeats of a pixel collapse to their last values) and answers its seq and how many distinct pixels it set.</summary>
    public async Task<Result<PixelWritten>> WriteAsync(string canvas, string accountId, IReadOnlyList<PixelChange> changes, CancellationToken cancellationToken = default)
    {
        if (canvases.Find(canvas) is not { } state)
        {
            return Error.NotFound($"No pixel canvas '{canvas}'.");
        }

        var maxLink = options.Value.MaxLinkBytes;
        foreach (var change in changes)
        {
            if (!state.Contains(change.X, change.Y))
            {
                return Error.Validation($"Pixel ({change.X},{change.Y}) is outside the {state.Definition.Width}x{state.Definition.Height} canvas.");
            }

            if (change.Url is { } url && Encoding.UTF8.GetByteCount(url) > maxLink)
            {
                return new Error("link_too_long", $"The link of pixel ({change.X},{change.Y}) is {Encoding.UTF8.GetByteCount(url)} bytes; links are at most {maxLink} bytes (UTF-8).", 400);
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

        var collapsed = PixelChanges.CollapseRepeats(changes);

        // Committed before this returns; a caller that gives up waiting does not undo it.
        var seq = await WriterFor(state).WriteAsync(accountId, time.GetUtcNow(), collapsed).WaitAsync(cancellationToken);
        return new PixelWritten(seq, collapsed.Count);
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

    /// <summary>Applies writes other nodes committed (the feed calls this; so does start-up, from the snapshot).</summary>
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

    /// <summary>
    /// Every write after <paramref name="after"/> still in the log, oldest first, <paramref name="pageSize"/> rows per
    /// query (what one reader holds decoded at once: a small page for the many slow readers of a stream replay).
    /// </summary>
    public async IAsyncEnumerable<PixelEvent> ReadLogAsync(
        string canvas, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default, int pageSize = PixelLog.Page)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await foreach (var change in PixelLog.ReadAllAfterAsync(connection, canvas, after, pageSize, cancellationToken))
        {
            yield return change;
        }
    }

    /// <summary>
    /// The lowest seq a reader may resume after and still get every later write from the log: the seq just before the
    /// oldest write compaction kept (0 while nothing was compacted away).
    /// </summary>
    public async Task<long> ReplayFloorAsync(string canvas, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var oldest = await connection.Command(PixelLog.Oldest).With("@canvas", canvas).ScalarLongAndDisposeAsync(cancellationToken);
        return Math.Max(0, oldest - 1);
    }

    /// <summary>A page of the changes of pixel (<paramref name="x"/>, <paramref name="y"/>) before seq <paramref name="before"/>, oldest first.</summary>
    public async Task<PixelHistoryPage> HistoryAsync(string canvas, int x, int y, long before, int limit, CancellationToken cancellationToken)
    {
        using var turn = await _historyReads.EnterAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await PixelHistory.ReadPageAsync(connection, canvas, x, y, before, limit, cancellationToken);
    }

    public async Task ReloadClaimsAsync(CanvasState state, CancellationToken cancellationToken)
    {
        foreach (var claim in await claims.ListAsync(state.Id, null, cancellationToken))
        {
            state.Claims.Add(claim);
        }
    }

    /// <summary>History reads that may start right now without waiting (tests).</summary>
    public int FreeHistoryTurns => _historyReads.Free;

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers.Values)
        {
            await writer.Value.DisposeAsync();
        }
    }

    private PixelBatchWriter WriterFor(CanvasState state) =>
        _writers.GetOrAdd(state.Id, _ => new Lazy<PixelBatchWriter>(() => new PixelBatchWriter(state, database, faults, CatchUpLockedAsync, events.Publish))).Value;

    /// <summary>
    /// Applies the log after the raster's seq. A fresh raster starts from the snapshot. When the log no longer holds the
    /// next write (compaction removed it while this node lagged), the raster reloads from the snapshot and live
    /// subscribers are dropped, since what they were sent does not lead to the new state.
    /// </summary>
    private async Task CatchUpLockedAsync(CanvasState state, CancellationToken cancellationToken)
    {
        if (state.Raster.Seq == 0)
        {
            await LoadSnapshotAsync(state, cancellationToken);
        }

        while (true)
        {
            var gap = false;
            await foreach (var change in ReadLogAsync(state.Id, state.Raster.Seq, cancellationToken))
            {
                if (change.Seq != state.Raster.Seq + 1)
                {
                    gap = true;
                    break;
                }

                state.Apply(change);
                events.Publish(change);
            }

            if (!gap)
            {
                return;
            }

            if (!await LoadSnapshotAsync(state, cancellationToken))
            {
                throw new InvalidOperationException($"The pixel log of canvas '{state.Id}' resumes after seq {state.Raster.Seq + 1} and no snapshot covers the gap.");
            }

            events.DropAll(state.Id);
        }
    }

    /// <summary>Loads the canvas's snapshot when it is ahead of the raster; false when there is none ahead.</summary>
    private async Task<bool> LoadSnapshotAsync(CanvasState state, CancellationToken cancellationToken)
    {
        long seq;
        byte[] data;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var reader = await connection.Command(SnapshotOf).With("@canvas", state.Id).ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) <= state.Raster.Seq)
            {
                return false;
            }

            seq = reader.GetInt64(0);
            data = (byte[])reader.GetValue(1);
        }

        if (PixelSnapshot.Decode(data, state.Definition.Width, state.Definition.Height) is not { } snapshot)
        {
            throw new InvalidOperationException($"The snapshot of canvas '{state.Id}' is of another size than {state.Definition.Width}x{state.Definition.Height}.");
        }

        state.Load(snapshot.Colors, snapshot.Urls, seq);
        return true;
    }
}

/// <summary>A committed write: its seq, and the distinct pixels it set (repeats inside it counted once).</summary>
public sealed record PixelWritten(long Seq, int Pixels);
