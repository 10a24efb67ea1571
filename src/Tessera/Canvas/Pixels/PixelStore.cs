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
    FaultPoints faults)
{
    public const string AfterInsertFault = "canvas.bulk.after-insert";
    private const int CatchUpBatch = 500;

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

        var payload = PixelPayload.Encode(changes);
        var at = time.GetUtcNow();
        await state.WriteLock.WaitAsync(cancellationToken);
        try
        {
            long seq;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
                if (!database.IsSqlite)
                {
                    // Orders the writes of one canvas across nodes, so seqs are gap-free in commit order.
                    await connection.Command("INSERT INTO canvas_locks (canvas) VALUES (@canvas) ON CONFLICT DO NOTHING", transaction)
                        .With("@canvas", canvas).ExecuteNonQueryAsync(cancellationToken);
                    await connection.Command("SELECT canvas FROM canvas_locks WHERE canvas = @canvas FOR UPDATE", transaction)
                        .With("@canvas", canvas).ExecuteNonQueryAsync(cancellationToken);
                }

                seq = await connection.Command(PixelLog.Append, transaction)
                    .With("@canvas", canvas).With("@account", accountId).With("@at", at.ToUnixTimeMilliseconds())
                    .With("@count", changes.Count).With("@payload", payload)
                    .ScalarLongAsync(cancellationToken);
                faults.Hit(AfterInsertFault);
                await transaction.CommitAsync(CancellationToken.None);
            }

            // Committed: from here on nothing may be skipped, whatever the caller's token says.
            if (state.Raster.Seq < seq - 1)
            {
                await CatchUpLockedAsync(state, CancellationToken.None);
            }

            var change = new PixelEvent(canvas, seq, accountId, at, changes);
            state.Apply(change);
            events.Publish(change);
            return seq;
        }
        finally
        {
            state.WriteLock.Release();
        }
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

    /// <summary>The writes after <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<List<PixelEvent>> ReadAfterAsync(string canvas, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await PixelLog.ReadAfterAsync(connection, canvas, after, limit, cancellationToken);
    }

    public async Task ReloadClaimsAsync(CanvasState state, CancellationToken cancellationToken)
    {
        foreach (var claim in await claims.ListAsync(state.Id, null, cancellationToken))
        {
            state.Claims.Add(claim);
        }
    }

    private async Task CatchUpLockedAsync(CanvasState state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        while (true)
        {
            var batch = await PixelLog.ReadAfterAsync(connection, state.Id, state.Raster.Seq, CatchUpBatch, cancellationToken);
            foreach (var change in batch)
            {
                state.Apply(change);
                events.Publish(change);
            }

            if (batch.Count < CatchUpBatch)
            {
                return;
            }
        }
    }
}
