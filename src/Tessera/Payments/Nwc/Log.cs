namespace Tessera.Payments.Nwc;

/// <summary>The Nostr Wallet Connect backend's log messages (event ids 7100–7199 of the Payments range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Connected to relay {Relay}; subscribed since {Since}")]
    public static partial void RelayConnected(ILogger logger, Uri relay, long since);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Relay {Relay} closed the connection; reconnecting")]
    public static partial void RelayClosed(ILogger logger, Uri relay);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Relay {Relay} failed: {Reason}; reconnecting with backoff")]
    public static partial void RelayFailed(ILogger logger, Uri relay, string reason);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Relay {Relay} notice: {Notice}")]
    public static partial void RelayNotice(ILogger logger, Uri relay, string notice);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Relay {Relay} closed our subscription: {Reason}")]
    public static partial void RelaySubscriptionClosed(ILogger logger, Uri relay, string reason);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Debug, Message = "Relay {Relay} sent a message that is not NIP-01; ignored")]
    public static partial void RelayMessageIgnored(ILogger logger, Uri relay);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Dropped event {EventId} from relay {Relay}: bad id or signature, or not what we subscribed to")]
    public static partial void EventRejected(ILogger logger, Uri relay, string eventId);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Error, Message = "Handling event {EventId} failed")]
    public static partial void EventHandlerFailed(ILogger logger, string eventId, Exception exception);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "Could not decrypt NWC event {EventId} ({Code}); ignored")]
    public static partial void UndecryptableEvent(ILogger logger, string eventId, string code);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Debug, Message = "NWC response {EventId} answers no pending request; ignored")]
    public static partial void UnmatchedResponse(ILogger logger, string eventId);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "NWC event {EventId} is not the JSON NIP-47 describes; ignored")]
    public static partial void MalformedPayload(ILogger logger, string eventId);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Warning, Message = "Publishing NWC request {Method} to relay {Relay} failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string method, Uri relay, string reason);
}
