using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>Reads the placements change feed (rows by seq) into a <see cref="PlacementBoard"/>.</summary>
internal sealed class PlacementFeedReader(TesseraDatabase database)
{
    private const int Page = 1000;

    private readonly SemaphoreSlim _catchUp = new(1, 1);

    /// <summary>Applies every row changed since the board's cursor, a page at a time (start-up reads the whole table this way).</summary>
    public async Task<int> CatchUpAsync(PlacementBoard board, CancellationToken cancellationToken)
    {
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var applied = 0;
            while (true)
            {
                var (seq, pk) = board.Cursor;
                var rows = await connection.Command(PlacementSql.ChangesAfter)
                    .With("@canvas", board.Canvas).With("@seq", seq).With("@pk", pk).With("@limit", Page)
                    .ListAsync(PlacementSql.ReadEntry, cancellationToken);
                foreach (var row in rows)
                {
                    board.Apply(row);
                    board.Cursor = (row.Seq, row.Pk);
                }

                applied += rows.Count;
                if (rows.Count < Page)
                {
                    return applied;
                }
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>
    /// Applies the rows one committed write changed (this node's own writes, at once). The cursor is left alone: the
    /// feed still reads them later, in order with other nodes' writes, and the board skips versions it already has.
    /// </summary>
    public async Task ApplySeqAsync(DbConnection connection, PlacementBoard board, long seq, CancellationToken cancellationToken)
    {
        var rows = await connection.Command(PlacementSql.ChangesAt).With("@canvas", board.Canvas).With("@seq", seq)
            .ListAsync(PlacementSql.ReadEntry, cancellationToken);
        foreach (var row in rows)
        {
            board.Apply(row);
        }
    }
}
