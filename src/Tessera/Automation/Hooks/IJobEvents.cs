using Tessera.Jobs;

namespace Tessera.Automation.Hooks;

/// <summary>
/// A surface that tells its accounts' registered webhooks when their jobs end: which jobs are its own, the event a
/// finished job makes (<c>scrape.completed</c>) and the payload, in the surface's words. The module keeps the rules
/// (who is subscribed, one message per registration and job, retries through the outbox); the surface, the wording.
/// </summary>
public interface IJobEvents
{
    string Surface { get; }

    /// <summary>The event name of a finished job: <c>{kind}.{completed|failed}</c>.</summary>
    string EventOf(Job job);

    /// <summary>The JSON body sent for <paramref name="job"/> under <paramref name="eventName"/>.</summary>
    Task<string> PayloadAsync(Job job, string eventName, CancellationToken cancellationToken);

    /// <summary>The JSON body of a test delivery.</summary>
    string TestPayload(DateTimeOffset now);
}
