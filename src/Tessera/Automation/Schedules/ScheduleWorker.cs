using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Automation.Schedules;

/// <summary>Every node's scheduler loop (<see cref="PeriodicWorker"/>): a pass every <see cref="AutomationOptions.SchedulerInterval"/>.</summary>
internal sealed class ScheduleWorker(ScheduleRunner runner, IOptionsMonitor<AutomationOptions> options, TimeProvider time, ILogger<ScheduleWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.CurrentValue.SchedulerInterval;

    protected override bool RunAtStart => true;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken) =>
        await runner.RunDueAsync(cancellationToken) >= options.CurrentValue.SchedulerBatch;
}
