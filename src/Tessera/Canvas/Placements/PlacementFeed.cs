using System.Data.Common;
using Microsoft.Extensions.Options;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>
/// Start-up: loads the placement canvas's rows into the board before the first request. Then every
/// <see cref="PlacementOptions.FeedInterval"/> (100 ms) applies what other nodes committed, and every
/// <see cref="PlacementOptions.SweepInterval"/> (5 s) marks reservations whose invoice expired unpaid as <c>expired</c>
/// (an expired one already stops blocking at its expiry time; the sweep makes the status say so).
/// </summary>
internal sealed partial class PlacementFeed(
    IServiceProvider services,
    IOptions<CanvasOptions> canvases,
    PlacementFeedReader reader,
    TesseraDatabase database,
    IOptions<PlacementOptions> options,
    TimeProvider time,
    ILogger<PlacementFeed> logger) : BackgroundService, IStartupTask
{
    // A server configured without the placement canvas runs no placements (and resolves no board, which would refuse).
    private readonly bool _enabled = canvases.Value.Effective.TryGetValue(options.Value.Canvas, out var canvas) && canvas.Mode == CanvasMode.Placement;

    private PlacementBoard Board => services.GetRequiredService<PlacementBoard>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_enabled)
        {
            await reader.CatchUpAsync(Board, cancellationToken);
        }
    }

    /// <summary>Marks every reservation whose invoice has expired; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var board = Board;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // Look before taking the canvas lock: most sweeps find nothing.
            if (await connection.Command(PlacementSql.AnyExpired).With("@canvas", board.Canvas).With("@now", now).ScalarLongAndDisposeAsync(cancellationToken) == 0)
            {
                return 0;
            }
        }

        await using var write = await PlacementWrite.BeginAsync(database, reader, board, cancellationToken);
        var expired = await write.Command(PlacementSql.ReleaseExpired).With("@now", now).ExecuteAndDisposeAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        LogSwept(logger, expired);
        return expired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        var board = Board;
        using var timer = new PeriodicTimer(options.Value.FeedInterval);
        var nextSweep = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await reader.CatchUpAsync(board, stoppingToken);
                    if (time.GetElapsedTime(nextSweep) >= options.Value.SweepInterval)
                    {
                        nextSweep = time.GetTimestamp();
                        await SweepAsync(stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException)
                {
                    LogFeedFailed(logger, board.Canvas, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 8050, Level = LogLevel.Warning, Message = "Reading the placement feed of canvas {Canvas} failed; retrying")]
    private static partial void LogFeedFailed(ILogger logger, string canvas, Exception exception);

    [LoggerMessage(EventId = 8051, Level = LogLevel.Information, Message = "Marked {Count} unpaid reservation(s) expired")]
    private static partial void LogSwept(ILogger logger, int count);
}
