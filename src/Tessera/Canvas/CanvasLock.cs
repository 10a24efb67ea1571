using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Canvas;

/// <summary>
/// One canvas's write lock, held by the database so it holds across nodes: on SQLite the file's write lock (taken by
/// <c>BEGIN IMMEDIATE</c>) already is it; on PostgreSQL it is the canvas's row in <c>canvas_locks</c>, FOR UPDATE.
/// Claims and pixel writes take it, so overlap checks and seq numbers follow commit order.
/// </summary>
internal static class CanvasLock
{
    /// <summary>Starts a write transaction that holds the lock of <paramref name="canvas"/>.</summary>
    public static async Task<DbTransaction> BeginAsync(TesseraDatabase database, DbConnection connection, string canvas, CancellationToken cancellationToken = default)
    {
        var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        if (!database.IsSqlite)
        {
            await connection.Command("INSERT INTO canvas_locks (canvas) VALUES (@canvas) ON CONFLICT DO NOTHING", transaction)
                .With("@canvas", canvas).ExecuteAndDisposeAsync(cancellationToken);
            await connection.Command("SELECT canvas FROM canvas_locks WHERE canvas = @canvas FOR UPDATE", transaction)
                .With("@canvas", canvas).ExecuteAndDisposeAsync(cancellationToken);
        }

        return transaction;
    }
}
