namespace Tessera.Outbound;

/// <summary>The outbound client's log messages (event ids 9700–9799).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9701, Level = LogLevel.Warning, Message = "Outbound request to {Host} refused: {Reason}")]
    public static partial void AddressBlocked(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 9702, Level = LogLevel.Debug, Message = "Outbound request redirected from {From} to {To}")]
    public static partial void Redirected(ILogger logger, Uri from, Uri to);
}
