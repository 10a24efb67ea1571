namespace Tessera.Canvas.Placements;

/// <summary>Logging of the placements module (event ids 8000-8099).</summary>
public sealed partial class PlacementService
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Reserved placement {Id}: {Size}x{Size} at ({X},{Y})")]
    private static partial void LogReserved(ILogger logger, string id, int x, int y, int size);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Released {Count} expired reservation(s) under a new {Size}x{Size} reservation at ({X},{Y})")]
    private static partial void LogReleased(ILogger logger, int count, int x, int y, int size);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Activated placement {Id}")]
    private static partial void LogActivated(ILogger logger, string id);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Placement {Id} was paid (hash {PaymentHash}) after its reservation expired and its square was taken: refund due")]
    private static partial void LogPaidTooLate(ILogger logger, string id, string paymentHash);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Placement {Id} hidden after {Flags} flags")]
    private static partial void LogHidden(ILogger logger, string id, int flags);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Operator restored placement {Id} (was {Status}, {Flags} flags cleared)")]
    private static partial void LogRestored(ILogger logger, string id, string status, int flags);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "Operator removed placement {Id} (was {Status}); its square is free again")]
    private static partial void LogRemoved(ILogger logger, string id, string status);
}
