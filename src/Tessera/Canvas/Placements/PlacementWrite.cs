using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>
/// One write transaction on the placement canvas: it holds the canvas's lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the
/// canvas's row in canvas_locks), so <see cref="Seq"/>, the next change-feed number, is assigned in commit order and
/// every row the transaction changes is stamped with it. <see cref="CommitAsync"/> commits, then applies those rows
/// to this node's board at once (other nodes pick them up from the feed within a poll).
/// </summary>
internal sealed class PlacementWrite : IAsyncDisposable
{
    private readonly PlacementFeedReader _feed;
    private readonly PlacementBoard _board;

    private PlacementWrite(DbConnection connection, DbTransaction transaction, long seq, PlacementFeedReader feed, PlacementBoard board)
    {
        Connection = connection;
        Transaction = transaction;
        Seq = seq;
        _feed = feed;
        _board = board;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public long Seq { get; }

    public static async Task<PlacementWrite> BeginAsync(TesseraDatabase database, PlacementFeedReader feed, PlacementBoard board, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var transaction = await CanvasLock.BeginAsync(database, connection, board.Canvas, cancellationToken);
            var seq = await connection.Command(PlacementSql.NextSeq, transaction).With("@canvas", board.Canvas).ScalarLongAndDisposeAsync(cancellationToken);
            return new PlacementWrite(connection, transaction, seq, feed, board);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand Command(string sql) => Connection.Command(sql, Transaction).With("@canvas", _board.Canvas).With("@seq", Seq);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        await _feed.ApplySeqAsync(Connection, _board, Seq, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
