namespace Tessera.Ledger;

/// <summary>The ledger's log messages (event ids 2000–2099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Expired {Count} holds past their timeout")]
    public static partial void HoldsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Monthly refresh for {Owner} ({Period}): expired {Expired}, granted {Granted}")]
    public static partial void MonthlyRefreshed(ILogger logger, string owner, string period, decimal expired, decimal granted);
}
