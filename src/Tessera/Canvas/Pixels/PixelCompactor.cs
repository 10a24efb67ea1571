using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// Keeps a pixel canvas's storage bounded, every <see cref="PixelOptions.CompactionInterval"/> on every node (two nodes
/// compacting at once do no harm: the newer snapshot wins, deletes repeat): saves the raster as a snapshot at its seq,
/// deletes log rows older than the kept tail (never past the snapshot, never the newest row, which carries the next
/// seq), and prunes <c>pixel_history</c> to its depth for the pixels written since the last prune. A failed run is
/// logged and the next one retries.
/// </summary>
internal sealed partial class PixelCompactor(
    CanvasRegistry canvases, TesseraDatabase database, IOptions<PixelOptions> options, TimeProvider time, ILogger<PixelCompactor> logger)
    : PeriodicWorker(time, logger)
{
    /// <summary>Writes pruned per transaction, so a long backlog never holds the SQLite write lock for long.</summary>
    private const long PruneChunk = 256;

    private const string Current = "SELECT seq, history_pruned_seq FROM pixel_snapshots WHERE canvas = @canvas";

    private const string Save = """
        INSERT INTO pixel_snapshots (canvas, seq, created_at, history_pruned_seq, data) VALUES (@canvas, @seq, @at, @pruned, @data)
        ON CONFLICT (canvas) DO UPDATE SET seq = excluded.seq, created_at = excluded.created_at, data = excluded.data
        WHERE excluded.seq > pixel_snapshots.seq
        """;

    private const string MarkPruned = """
        UPDATE pixel_snapshots SET history_pruned_seq = @pruned WHERE canvas = @canvas AND history_pruned_seq < @pruned
        """;

    private const string MaxSeq = "SELECT COALESCE(MAX(seq), 0) FROM pixel_writes WHERE canvas = @canvas";

    private const string Trim = "DELETE FROM pixel_writes WHERE canvas = @canvas AND seq <= @cut";

    /// <summary>Compacts one canvas now; returns the log rows deleted.</summary>
    public async Task<int> CompactAsync(CanvasState state, CancellationToken cancellationToken)
    {
        uint[] colors;
        byte[]?[] urls;
        long seq;
        lock (state.Sync)
        {
            (colors, urls, seq) = state.Raster.Copy();
        }

        if (seq == 0)
        {
            return 0;
        }

        var data = PixelSnapshot.Encode(state.Definition.Width, state.Definition.Height, colors, urls);
        var settings = options.Value;
        await using var connection = await database.OpenAsync(cancellationToken);
        long pruned;
        int trimmed;
        await using (var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken))
        {
            pruned = 0;
            await using (var reader = await connection.Command(Current, transaction).With("@canvas", state.Id).ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    pruned = reader.GetInt64(1);
                }
            }

            await connection.Command(Save, transaction).With("@canvas", state.Id).With("@seq", seq).With("@at", Time.GetUtcNow().ToUnixTimeMilliseconds())
                .With("@pruned", 0L).With("@data", data).ExecuteAndDisposeAsync(cancellationToken);
            var max = await connection.Command(MaxSeq, transaction).With("@canvas", state.Id).ScalarLongAndDisposeAsync(cancellationToken);
            var cut = Math.Min(seq, max - settings.KeptWrites);
            trimmed = cut > 0
                ? await connection.Command(Trim, transaction).With("@canvas", state.Id).With("@cut", cut).ExecuteAndDisposeAsync(cancellationToken)
                : 0;
            await transaction.CommitAsync(cancellationToken);
        }

        for (var since = pruned; since < seq; since += PruneChunk)
        {
            var upTo = Math.Min(seq, since + PruneChunk);
            await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
            await PixelHistory.PruneAsync(connection, transaction, state.Id, since, upTo, settings.HistoryDepth, cancellationToken);
            await connection.Command(MarkPruned, transaction).With("@canvas", state.Id).With("@pruned", upTo).ExecuteAndDisposeAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogCompacted(logger, state.Id, seq, data.Length, trimmed);
        return trimmed;
    }

    protected override TimeSpan Interval => options.Value.CompactionInterval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        foreach (var state in canvases.All)
        {
            await CompactAsync(state, cancellationToken);
        }

        return false;
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Compacted canvas {Canvas}: snapshot at seq {Seq} ({Bytes} bytes), {Trimmed} log rows deleted")]
    private static partial void LogCompacted(ILogger logger, string canvas, long seq, int bytes, int trimmed);
}
