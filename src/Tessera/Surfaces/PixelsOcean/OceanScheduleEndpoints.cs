using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Tessera.Automation.Schedules;
using Tessera.Common;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Scraping;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>/api/automation/schedules</c> (seed: "Set-and-forget recurring scrapes"): create, list with <c>next_run</c>, toggle,
/// delete. The Automation module stores them and fires each run as a scrape job (<see cref="ScheduleRunner"/>); the surface
/// reads the doc's fields and shows the runs' jobs by their whole-number ids. Another account's schedule is a 404.
/// </summary>
public static class OceanScheduleEndpoints
{
    public static RouteGroupBuilder MapOceanSchedules(this RouteGroupBuilder automation)
    {
        const string Section = PixelsOceanSurface.Sections.Automation;
        automation.MapGet("/schedules", ListAsync)
            .Documented(Section, "List recurring schedules",
                "Your schedules, each with `next_run` (null while disabled), `enabled`, and its last run: `last_run_at`, `last_job_id` (poll it at /api/jobs/{id}), `last_error`, `runs`.",
                response: """{"success":true,"schedules":[{"id":3,"name":"Daily Gallery Scrape","url":"https://example.com/gallery","schedule":"daily","hour":6,"day_of_week":null,"max_files":50,"sniper_mode":true,"ai_labeling":false,"enabled":true,"next_run":"2026-04-10T06:00:00Z","last_run_at":null,"last_job_id":null,"last_error":null,"runs":0,"created_at":"2026-04-09T10:00:00Z"}],"count":1}""");
        automation.MapPost("/schedules", CreateAsync).WithRequestBody<ScheduleBody>("application/json")
            .Documented(Section, "Create schedule",
                "`url` (http(s), public addresses only) and `name` (at most 100 characters) required; `schedule` daily · weekly · monthly (default weekly; monthly runs on the 1st); `hour` 0–23 UTC (default 8); `day_of_week` 0=Mon … 6=Sun (weekly only, default 0); `max_files` (default 100, at most 200); `sniper_mode` (default true); `ai_labeling`. Each run is a scrape job of yours (it does not count against the daily quota). At most 20 schedules per account.",
                """{"url":"https://example.com/gallery","name":"Daily Gallery Scrape","schedule":"daily","hour":6,"max_files":50,"sniper_mode":true}""",
                """{"success":true,"schedule_id":3,"next_run":"2026-04-10T06:00:00Z"}""");
        automation.MapDelete("/schedules/{id:long}", DeleteAsync)
            .Documented(Section, "Delete schedule", "Deletes the schedule; jobs it already ran stay.", response: """{"success":true,"schedule_id":3,"deleted":true}""");
        automation.MapPost("/schedules/{id:long}/toggle", ToggleAsync).WithRequestBody<ToggleBody>("application/json")
            .Documented(Section, "Enable / disable",
                "Switches the schedule the other way (or to `enabled` when the body names it). Switched back on, it runs next at its next time from now; runs missed while off are not made up.",
                """{"enabled":false}""", """{"success":true,"schedule_id":3,"enabled":false,"next_run":null}""");
        return automation;
    }

    public sealed record ScheduleBody(
        string Url, string Name, string? Schedule, int? Hour, [property: JsonPropertyName("day_of_week")] int? DayOfWeek,
        [property: JsonPropertyName("max_files")] int? MaxFiles, [property: JsonPropertyName("sniper_mode")] bool? SniperMode,
        [property: JsonPropertyName("ai_labeling")] bool? AiLabeling);

    public sealed record ToggleBody(bool? Enabled);

    public sealed record ScheduleView(
        long Id, string Name, string Url, string Schedule, int Hour, [property: JsonPropertyName("day_of_week")] int? DayOfWeek,
        [property: JsonPropertyName("max_files")] int MaxFiles, [property: JsonPropertyName("sniper_mode")] bool SniperMode,
        [property: JsonPropertyName("ai_labeling")] bool AiLabeling, bool Enabled, [property: JsonPropertyName("next_run")] DateTimeOffset? NextRun,
        [property: JsonPropertyName("last_run_at")] DateTimeOffset? LastRunAt, [property: JsonPropertyName("last_job_id")] long? LastJobId,
        [property: JsonPropertyName("last_error")] string? LastError, long Runs, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

    public sealed record ScheduleList(bool Success, IReadOnlyList<ScheduleView> Schedules, int Count);

    public sealed record CreatedSchedule(bool Success, [property: JsonPropertyName("schedule_id")] long ScheduleId, [property: JsonPropertyName("next_run")] DateTimeOffset NextRun);

    public sealed record ToggledSchedule(
        bool Success, [property: JsonPropertyName("schedule_id")] long ScheduleId, bool Enabled, [property: JsonPropertyName("next_run")] DateTimeOffset? NextRun);

    public sealed record DeletedSchedule(bool Success, [property: JsonPropertyName("schedule_id")] long ScheduleId, bool Deleted);

    private static async Task<IResult> ListAsync(HttpContext context, ScheduleStore schedules, JobNumbers numbers, CancellationToken ct)
    {
        var list = await schedules.ListAsync(OceanAccount.Of(context), ct);
        var views = new List<ScheduleView>(list.Count);
        foreach (var schedule in list)
        {
            var lastJob = schedule.LastJobId is { } jobId ? await numbers.NumberOfAsync(jobId, ct) : null;
            views.Add(new ScheduleView(
                schedule.Id, schedule.Name, schedule.Url, schedule.Cadence, schedule.Hour, schedule.DayOfWeek, schedule.MaxFiles, schedule.SniperMode,
                schedule.AiLabeling, schedule.Enabled, schedule.Enabled ? schedule.NextRun : null, schedule.LastRunAt, lastJob, schedule.LastError,
                schedule.Runs, schedule.CreatedAt));
        }

        return TypedResults.Ok(new ScheduleList(true, views, views.Count));
    }

    private static async Task<IResult> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ScheduleStore schedules,
        IOptions<ScrapingOptions> scraping, CancellationToken ct)
    {
        var spec = Parse(body, scraping.Value);
        if (!spec.IsSuccess)
        {
            return new ErrorResult(spec.Error);
        }

        var created = await schedules.CreateAsync(OceanAccount.Of(context), PixelsOceanSurface.Name, spec.Value, ct);
        return created.IsSuccess
            ? TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}/{created.Value.Id}", new CreatedSchedule(true, created.Value.Id, created.Value.NextRun))
            : new ErrorResult(created.Error);
    }

    private static async Task<IResult> ToggleAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ScheduleStore schedules, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var enabled = json.IsSuccess ? OceanInput.Bool(json.Value, "enabled") : json.Error;
        if (!enabled.IsSuccess)
        {
            return new ErrorResult(enabled.Error);
        }

        var toggled = await schedules.ToggleAsync(OceanAccount.Of(context), id, enabled.Value, ct);
        return toggled.IsSuccess
            ? TypedResults.Ok(new ToggledSchedule(true, id, toggled.Value.Enabled, toggled.Value.Enabled ? toggled.Value.NextRun : null))
            : new ErrorResult(toggled.Error);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, ScheduleStore schedules, CancellationToken ct)
    {
        var deleted = await schedules.DeleteAsync(OceanAccount.Of(context), id, ct);
        return deleted.IsSuccess ? TypedResults.Ok(new DeletedSchedule(true, id, true)) : new ErrorResult(deleted.Error);
    }

    private static Result<ScheduleSpec> Parse(JsonElement? body, ScrapingOptions scraping)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var value = json.Value;
        var url = OceanInput.String(value, "url");
        var name = OceanInput.String(value, "name");
        var cadence = OceanInput.String(value, "schedule");
        var hour = OceanInput.IntField(value, "hour", ScheduleCadence.DefaultHour, 0, ScheduleCadence.MaxHour);
        var day = OceanInput.IntField(value, "day_of_week", -1, 0, ScheduleCadence.MaxDayOfWeek);
        var maxFiles = OceanInput.IntField(value, "max_files", scraping.DefaultMaxFiles, 1, scraping.MaxFiles);
        var sniper = OceanInput.Bool(value, "sniper_mode");
        var labels = OceanInput.Bool(value, "ai_labeling");
        var error = new[] { url.IsSuccess ? null : url.Error, name.IsSuccess ? null : name.Error, cadence.IsSuccess ? null : cadence.Error,
            hour.IsSuccess ? null : hour.Error, day.IsSuccess ? null : day.Error, maxFiles.IsSuccess ? null : maxFiles.Error,
            sniper.IsSuccess ? null : sniper.Error, labels.IsSuccess ? null : labels.Error }.FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(url.Value.Value))
        {
            return Error.Validation("'url' is required: the page to scrape.");
        }

        if (string.IsNullOrWhiteSpace(name.Value.Value))
        {
            return Error.Validation("'name' is required: the schedule's label.");
        }

        return new ScheduleSpec(
            name.Value.Value, url.Value.Value.Trim(), cadence.Value.Value?.Trim().ToLowerInvariant() ?? ScheduleCadence.Default, hour.Value,
            day.Value < 0 ? null : day.Value, maxFiles.Value, sniper.Value ?? true, labels.Value ?? false);
    }
}
