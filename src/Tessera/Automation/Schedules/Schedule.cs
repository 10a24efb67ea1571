namespace Tessera.Automation.Schedules;

/// <summary>A recurring scrape as stored: what it scrapes, when, and how its last run went.</summary>
public sealed record Schedule(
    long Id,
    string AccountId,
    string Surface,
    string Name,
    string Url,
    string Cadence,
    int Hour,
    int? DayOfWeek,
    int MaxFiles,
    bool SniperMode,
    bool AiLabeling,
    bool Enabled,
    DateTimeOffset NextRun,
    DateTimeOffset? LastRunAt,
    string? LastJobId,
    string? LastError,
    long Runs,
    DateTimeOffset CreatedAt);

/// <summary>What a client asks for (the doc's fields, parsed); <see cref="ScheduleStore.CreateAsync"/> checks it.</summary>
public sealed record ScheduleSpec(string Name, string Url, string Cadence, int Hour, int? DayOfWeek, int MaxFiles, bool SniperMode, bool AiLabeling)
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2048;
}
