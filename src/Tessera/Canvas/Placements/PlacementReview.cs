using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>Which placements <see cref="PlacementService.ListForReviewAsync"/> lists.</summary>
public enum ReviewFilter
{
    /// <summary>Flagged at least once and still up for review: active with flags, and hidden ones.</summary>
    Flagged,

    /// <summary>Only those hidden by flags, waiting for the operator.</summary>
    Hidden,
}

/// <summary>
/// The operator's review of flagged placements (docs/billion-satoshi.md, "Operator review"): list what was flagged,
/// restore (show it again and forget its flags) or remove (take it down for good; the square is for sale again, the
/// payment is kept). Both are writes under the canvas lock, stamped with the change feed's seq, so every node's board
/// and renders follow.
/// </summary>
public sealed partial class PlacementService
{
    public const string NotReviewable = "not_reviewable";

    /// <summary>At most this many placements per page of <see cref="ListForReviewAsync"/>.</summary>
    public const int MaxReviewPage = 500;

    /// <summary>Hidden first, then by flags (most first), then oldest first; <paramref name="limit"/> clamped to 1..<see cref="MaxReviewPage"/>.</summary>
    public async Task<IReadOnlyList<Placement>> ListForReviewAsync(ReviewFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        var where = filter == ReviewFilter.Hidden ? "status = 'hidden'" : "(status = 'hidden' OR (status = 'active' AND flags > 0))";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"""
                SELECT {PlacementSql.Columns} FROM placements WHERE canvas = @canvas AND {where}
                ORDER BY CASE WHEN status = 'hidden' THEN 0 ELSE 1 END, flags DESC, pk LIMIT @limit
                """).With("@canvas", Board.Canvas).With("@limit", Math.Clamp(limit, 1, MaxReviewPage))
            .ListAsync(PlacementSql.ReadPlacement, cancellationToken);
    }

    /// <summary>
    /// Shows an active or hidden placement again with its flags cleared (the IPs that flagged it may flag it again).
    /// <c>not_found</c> (404); <c>not_reviewable</c> (409) for a placement that is unpaid, expired or removed.
    /// </summary>
    public Task<Result<Placement>> RestoreAsync(string id, CancellationToken cancellationToken = default) =>
        ReviewAsync(id, PlacementStatus.Active, cancellationToken);

    /// <summary>
    /// Takes an active or hidden placement down: status <c>removed</c>, no longer rendered and no longer blocking, so
    /// its square can be bought again. The sats paid stay with the operator (they count in the canvas's sats raised).
    /// <c>not_found</c> (404); <c>not_reviewable</c> (409) for a placement that is unpaid, expired or already removed.
    /// </summary>
    public Task<Result<Placement>> RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        ReviewAsync(id, PlacementStatus.Removed, cancellationToken);

    private async Task<Result<Placement>> ReviewAsync(string id, string to, CancellationToken cancellationToken)
    {
        await using var write = await PlacementWrite.BeginAsync(database, Feed, Board, cancellationToken);
        var found = await write.Command($"SELECT {PlacementSql.Columns} FROM placements WHERE id = @id AND canvas = @canvas")
            .With("@id", id).ListAsync(PlacementSql.ReadPlacement, cancellationToken);
        if (found.Count == 0)
        {
            return Error.NotFound($"No placement '{id}'.");
        }

        var placement = found[0];
        if (placement.Status is not (PlacementStatus.Active or PlacementStatus.Hidden))
        {
            return Error.Conflict(NotReviewable,
                $"Placement '{id}' is {placement.Status}: only active or hidden (paid) placements can be restored or removed.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var flags = to == PlacementStatus.Active ? 0 : placement.Flags;
        await write.Command("UPDATE placements SET status = @status, flags = @flags, updated_at = @now, seq = @seq WHERE id = @id")
            .With("@id", id).With("@status", to).With("@flags", flags).With("@now", now).ExecuteAndDisposeAsync(cancellationToken);
        if (to == PlacementStatus.Active)
        {
            await write.Command("DELETE FROM placement_flags WHERE placement_pk = (SELECT pk FROM placements WHERE id = @id)")
                .With("@id", id).ExecuteAndDisposeAsync(cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        if (to == PlacementStatus.Active)
        {
            LogRestored(logger, id, placement.Status, placement.Flags);
        }
        else
        {
            LogRemoved(logger, id, placement.Status);
        }

        return placement with { Status = to, Flags = flags, UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(now) };
    }
}
