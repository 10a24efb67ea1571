using System.Diagnostics.Metrics;

namespace Tessera.Jobs;

/// <summary>The Jobs module's instruments on <c>/metrics</c>.</summary>
internal static class JobsMetrics
{
    public const string MeterName = "Tessera.Jobs";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Submitted = Meter.CreateCounter<long>("tessera.jobs.submitted", description: "Jobs accepted (holds placed, rows committed)");

    public static readonly Counter<long> Succeeded = Meter.CreateCounter<long>("tessera.jobs.succeeded", description: "Jobs finished with outputs");

    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("tessera.jobs.failed", description: "Jobs that failed (engine errors, deadline, bad output)");

    public static readonly Counter<long> Canceled = Meter.CreateCounter<long>("tessera.jobs.canceled", description: "Jobs canceled by their owner");

    public static readonly Histogram<double> DispatchLatency = Meter.CreateHistogram<double>(
        "tessera.jobs.dispatch_latency", unit: "ms", description: "From a job becoming due (submit committed, or retry time) to a worker's claim");

    public static void Terminal(string status)
    {
        switch (status)
        {
            case JobStatus.Succeeded: Succeeded.Add(1); break;
            case JobStatus.Failed: Failed.Add(1); break;
            case JobStatus.Canceled: Canceled.Add(1); break;
        }
    }
}
