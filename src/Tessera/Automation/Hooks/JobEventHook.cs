using System.Globalization;
using Tessera.Jobs;
using Tessera.Webhooks;

namespace Tessera.Automation.Hooks;

/// <summary>
/// When a job of a surface that publishes job events (<see cref="IJobEvents"/>) ends, one outbox message per registration
/// of its account subscribed to the event. Message ids come from the registration and the job, so the hook may run any
/// number of times (it runs at least once) and each receiver gets one message per job.
/// </summary>
internal sealed class JobEventHook(IEnumerable<IJobEvents> sources, WebhookRegistry registry, WebhookOutbox outbox, ILogger<JobEventHook> logger) : IJobTerminalHook
{
    private readonly Dictionary<string, IJobEvents> _sources = sources.ToDictionary(source => source.Surface, StringComparer.Ordinal);

    /// <summary>Only jobs of a publishing surface: the others finish without a hook call.</summary>
    public bool Wants(Job job) => job is not null && _sources.ContainsKey(job.Surface);

    public async Task OnTerminalAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_sources.TryGetValue(job.Surface, out var source))
        {
            return;
        }

        var eventName = source.EventOf(job);
        var targets = (await registry.TargetsAsync(job.AccountId, job.Surface, cancellationToken))
            .Where(target => JobEventNames.Matches(target.Registration.Events, eventName)).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var payload = await source.PayloadAsync(job, eventName, cancellationToken);
        foreach (var target in targets)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{WebhookRegistry.MessagePrefix}{target.Registration.Id}_{job.Id}");
            var queued = await outbox.EnqueueAsync(job.AccountId, job.Id, eventName, target.Registration.Url, payload, id, target.Secret, cancellationToken);
            if (!queued.IsSuccess)
            {
                // Not retried: the URL was checked at registration, so trying again cannot make it valid.
                Log.WebhookNotQueued(logger, job.Id, target.Registration.Id, queued.Error.Code, queued.Error.Message);
            }
        }
    }
}
