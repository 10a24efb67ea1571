namespace Tessera.RateLimits;

/// <summary>RateLimits log messages, event ids 3100–3199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Rate limit {Policy} rejected {Partition}; retry after {RetryAfterSeconds} s")]
    public static partial void Rejected(ILogger logger, string policy, string partition, long retryAfterSeconds);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Rate limit store unreachable; {Policy} lets the request through unlimited")]
    public static partial void StoreUnavailable(ILogger logger, string policy, Exception exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Rate limits: {Store} store, policies {Policies}")]
    public static partial void Configured(ILogger logger, string store, string policies);
}
