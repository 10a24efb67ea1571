using Microsoft.Extensions.Logging;

namespace Tessera.Pipelines;

internal static partial class Log
{
    [LoggerMessage(EventId = 10900, Level = LogLevel.Error, Message = "Pipeline step {Step} ({Action}) failed unexpectedly")]
    public static partial void StepCrashed(ILogger logger, string step, string action, Exception exception);
}
