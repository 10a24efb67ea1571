using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// Start-up: rebuilds every pixel canvas from its claims and its log before the first request. Then, every
/// 100 ms, applies what other nodes wrote (their writes reach this node's raster, PNG and live streams within a
/// poll) and picks up their claims.
/// </summary>
internal sealed partial class PixelFeed(CanvasRegistry canvases, PixelStore store, ILogger<PixelFeed> logger) : BackgroundService, IStartupTask
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var state in canvases.All)
        {
            await store.ReloadClaimsAsync(state, cancellationToken);
            await store.CatchUpAsync(state, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var state in canvases.All)
                {
                    try
                    {
                        await store.CatchUpAsync(state, stoppingToken);
                    }
                    catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                    {
                        LogFeedFailed(logger, state.Id, exception);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Reading the pixel log of canvas {Canvas} failed; retrying")]
    private static partial void LogFeedFailed(ILogger logger, string canvas, Exception exception);
}
