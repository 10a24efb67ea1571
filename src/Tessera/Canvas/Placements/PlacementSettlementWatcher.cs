using Tessera.Payments;

namespace Tessera.Canvas.Placements;

/// <summary>
/// Activates placements whose invoices are paid without the payer telling us (a wallet that pays and never retries,
/// an operator paying through the admin route): consumes <see cref="IInvoiceBackend.WatchSettlementsAsync"/> on every
/// node (activation is once, whichever node or path gets there first) and restarts the stream after a failure. What a
/// restart misses is found by the status route's lookup (<see cref="PlacementPayments.RefreshAsync"/>).
/// </summary>
public sealed partial class PlacementSettlementWatcher(IInvoiceBackend invoices, PlacementPayments payments, TimeProvider time, ILogger<PlacementSettlementWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var settlement in invoices.WatchSettlementsAsync(stoppingToken))
                {
                    var settled = await payments.SettleAsync(settlement.PaymentHash, stoppingToken);
                    if (settled.IsSuccess && settled.Value.Activated)
                    {
                        LogActivatedBySettlement(logger, settled.Value.Placement.Id);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogWatchFailed(logger, exception);
            }

            try
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information, Message = "Placement {Id} activated by the invoice backend's settlement notice")]
    private static partial void LogActivatedBySettlement(ILogger logger, string id);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Warning, Message = "Settlement watch failed; restarting shortly")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
