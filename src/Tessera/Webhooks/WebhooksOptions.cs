using System.Globalization;

namespace Tessera.Webhooks;

/// <summary>Webhook delivery settings, section <c>Tessera:Webhooks</c> (docs/webhooks.md).</summary>
public sealed class WebhooksOptions
{
    public const string Section = "Tessera:Webhooks";

    /// <summary>
    /// Delay before each attempt, comma-separated (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>): the first entry is the
    /// delay of the first attempt, each next one the wait after the attempt before it failed. A message fails when
    /// the attempt of the last entry fails.
    /// A string rather than a list because configuration binding appends a bound list to a default one.
    /// </summary>
    public string RetrySchedule { get; set; } = "0s,5s,5m,30m,2h,5h,10h,10h";

    /// <summary>Runs delivery workers in this node (every node by default).</summary>
    public bool Workers { get; set; } = true;

    /// <summary>How often a node looks for messages enqueued by other nodes or come due; a local enqueue wakes it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message is held by its node before another may claim it (more than the request time).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whole-attempt time limit (Standard Webhooks suggests 15–30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries in flight per node at once.</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>
    /// Deliveries in flight per node for one account: one tenant's slow receivers hold at most this many of the
    /// <see cref="MaxInFlight"/> slots, so another's deliveries are not queued behind them (issue #11: 64 hanging
    /// deliveries delayed another tenant's by 38 s).
    /// </summary>
    public int MaxInFlightPerAccount { get; set; } = 8;

    /// <summary>Deliveries in flight per node to one destination host (the URL's host, any port), whoever sent them.</summary>
    public int MaxInFlightPerHost { get; set; } = 8;

    /// <summary>Largest response body read from a receiver; a larger one fails the attempt with <c>too_large</c>.</summary>
    public long MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>After a rotation, how long the previous secret still signs beside the new one.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The parsed <see cref="RetrySchedule"/>, or null when it does not parse.</summary>
    public IReadOnlyList<TimeSpan>? Schedule() => ParseSchedule(RetrySchedule);

    internal static IReadOnlyList<TimeSpan>? ParseSchedule(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var schedule = new List<TimeSpan>(parts.Length);
        foreach (var part in parts)
        {
            var unit = part.EndsWith("ms", StringComparison.Ordinal) ? "ms" : part.Length > 0 ? part[^1..] : "";
            if (!double.TryParse(part[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                return null;
            }

            TimeSpan? delay = unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => null,
            };
            if (delay is null)
            {
                return null;
            }

            schedule.Add(delay.Value);
        }

        return schedule.Count > 0 ? schedule : null;
    }
}
