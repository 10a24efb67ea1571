using Cronos;
using Tessera.Common;

namespace Tessera.Automation.Schedules;

/// <summary>
/// The doc's cadences as cron times (Cronos, UTC): daily at <c>hour</c>:00, weekly on <c>day_of_week</c> (0 = Monday, as
/// the doc counts; cron counts from Sunday) at <c>hour</c>:00, monthly on the 1st at <c>hour</c>:00.
/// </summary>
public static class ScheduleCadence
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
    public const string Default = Weekly;
    public const int DefaultHour = 8;
    public const int MaxHour = 23;
    public const int MaxDayOfWeek = 6;

    public static readonly IReadOnlyList<string> Names = [Daily, Weekly, Monthly];

    /// <summary>The cron expression of a cadence (checked values only).</summary>
    public static string Cron(string cadence, int hour, int? dayOfWeek) => cadence switch
    {
        Daily => $"0 {hour} * * *",
        Weekly => $"0 {hour} * * {((dayOfWeek ?? 0) + 1) % 7}",
        Monthly => $"0 {hour} 1 * *",
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "not a cadence"),
    };

    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset Next(string cadence, int hour, int? dayOfWeek, DateTimeOffset after) =>
        new(CronExpression.Parse(Cron(cadence, hour, dayOfWeek)).GetNextOccurrence(after.UtcDateTime, inclusive: false)!.Value, TimeSpan.Zero);

    /// <summary>Null when the cadence, hour and day make a schedule; else a 400 naming the field.</summary>
    public static Error? Check(string cadence, int hour, int? dayOfWeek)
    {
        if (!Names.Contains(cadence))
        {
            return Error.Validation($"'schedule' must be one of {string.Join(", ", Names)}.");
        }

        if (hour is < 0 or > MaxHour)
        {
            return Error.Validation($"'hour' must be a whole number from 0 to {MaxHour} (UTC).");
        }

        if (dayOfWeek is { } day && (day is < 0 or > MaxDayOfWeek || cadence != Weekly))
        {
            return cadence != Weekly
                ? Error.Validation("'day_of_week' applies to weekly schedules only.")
                : Error.Validation($"'day_of_week' must be a whole number from 0 (Monday) to {MaxDayOfWeek} (Sunday).");
        }

        return null;
    }
}
