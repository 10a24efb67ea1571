namespace Tessera.Engines;

/// <summary>The Engines module's log messages: 10000–10049 models, 10050–10099 provider engines (10100+ left to the local engines).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10001, Level = LogLevel.Warning, Message = "Built-in model {Model} is left out: engine {Engine} is not registered on this server")]
    public static partial void DefaultModelSkipped(ILogger logger, string model, string engine);

    [LoggerMessage(EventId = 10050, Level = LogLevel.Warning, Message = "Provider engine {Engine} failed ({Code}, transient {Transient}): {Reason}")]
    public static partial void ProviderFailed(ILogger logger, string engine, string code, bool transient, string reason);

    [LoggerMessage(EventId = 10051, Level = LogLevel.Information, Message = "Provider engine {Engine} asked to cancel {ProviderJob}")]
    public static partial void ProviderCancelSent(ILogger logger, string engine, string providerJob);

    [LoggerMessage(EventId = 10052, Level = LogLevel.Warning, Message = "Provider engine {Engine} could not cancel {ProviderJob}")]
    public static partial void ProviderCancelFailed(ILogger logger, string engine, string providerJob, Exception exception);
}
