using System.Data.Common;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;
using Tessera.Scraping;
using Tessera.Storage;

namespace Tessera.Automation.Schedules;

/// <summary>
/// An account's schedules: create (at most <see cref="AutomationOptions.MaxSchedulesPerAccount"/>), list, toggle, delete.
/// Every call names the account, and a schedule of another account is not found. Firing is <see cref="ScheduleRunner"/>'s.
/// </summary>
public sealed class ScheduleStore(
    TesseraDatabase database, ReceiverUrlCheck urls, TimeProvider time, IOptions<AutomationOptions> options, IOptions<ScrapingOptions> scraping)
{
    internal const string Columns =
        "id, account_id, surface, name, url, cadence, hour, day_of_week, max_files, sniper_mode, ai_labeling, enabled, next_run, last_run_at, last_job_id, last_error, runs, created_at";

    /// <param name="surface">The surface whose jobs the runs are (listed and polled there).</param>
    public async Task<Result<Schedule>> CreateAsync(string accountId, string surface, ScheduleSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.Name.Trim();
        if (name.Length is 0 or > ScheduleSpec.MaxNameLength || name.Any(char.IsControl))
        {
            return Error.Validation($"'name' is required: at most {ScheduleSpec.MaxNameLength} characters, no control characters.");
        }

        if (spec.Url.Length > ScheduleSpec.MaxUrlLength || !Uri.TryCreate(spec.Url.Trim(), UriKind.Absolute, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return Error.Validation($"'url' must be an absolute http(s) URL of at most {ScheduleSpec.MaxUrlLength} characters.");
        }

        if (ScheduleCadence.Check(spec.Cadence, spec.Hour, spec.DayOfWeek) is { } cadenceError)
        {
            return cadenceError;
        }

        if (spec.MaxFiles < 1 || spec.MaxFiles > scraping.Value.MaxFiles)
        {
            return Error.Validation($"'max_files' must be a whole number from 1 to {scraping.Value.MaxFiles}.");
        }

        // A URL the scraper may never fetch (private, loopback, metadata) is refused now, not at every run.
        if (await urls.CheckAsync(target.AbsoluteUri, "url", cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var day = spec.Cadence == ScheduleCadence.Weekly ? spec.DayOfWeek ?? 0 : (int?)null;
        var next = ScheduleCadence.Next(spec.Cadence, spec.Hour, day, now);
        var limit = options.Value.MaxSchedulesPerAccount;
        var id = await database.WriteAsync(
            async write =>
            {
                // Counted inside the write transaction: two creates racing cannot both pass the cap.
                if (await write.Sql("SELECT COUNT(*) FROM automation_schedules WHERE account_id = @account").With("@account", accountId).ScalarLongAsync(cancellationToken) >= limit)
                {
                    return (long?)null;
                }

                return await write.Sql("""
                    INSERT INTO automation_schedules (account_id, surface, name, url, cadence, hour, day_of_week, max_files, sniper_mode, ai_labeling, enabled, next_run, runs, created_at)
                    VALUES (@account, @surface, @name, @url, @cadence, @hour, @day, @max_files, @sniper, @labels, 1, @next, 0, @now) RETURNING id
                    """)
                    .With("@account", accountId).With("@surface", surface).With("@name", name).With("@url", target.AbsoluteUri).With("@cadence", spec.Cadence).With("@hour", spec.Hour)
                    .With("@day", day).With("@max_files", spec.MaxFiles).With("@sniper", spec.SniperMode ? 1 : 0).With("@labels", spec.AiLabeling ? 1 : 0)
                    .With("@next", next.ToUnixTimeMilliseconds()).With("@now", now.ToUnixTimeMilliseconds())
                    .ScalarLongAsync(cancellationToken);
            },
            static id => id is not null, prepare: false, cancellationToken);
        if (id is not { } created)
        {
            return AutomationErrors.TooManySchedules(limit);
        }

        return new Schedule(created, accountId, surface, name, target.AbsoluteUri, spec.Cadence, spec.Hour, day, spec.MaxFiles, spec.SniperMode, spec.AiLabeling,
            true, next, null, null, null, 0, now);
    }

    public async Task<IReadOnlyList<Schedule>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM automation_schedules WHERE account_id = @account ORDER BY id").With("@account", accountId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Schedule?> GetAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM automation_schedules WHERE id = @id AND account_id = @account")
            .With("@id", id).With("@account", accountId);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// Switches the schedule on or off (<paramref name="enabled"/> null: the other way round). Switched on, its next run is
    /// the next one from now: the runs it missed while off are not made up.
    /// </summary>
    public async Task<Result<Schedule>> ToggleAsync(string accountId, long id, bool? enabled, CancellationToken cancellationToken)
    {
        var schedule = await GetAsync(accountId, id, cancellationToken);
        if (schedule is null)
        {
            return AutomationErrors.ScheduleNotFound(id);
        }

        var on = enabled ?? !schedule.Enabled;
        var next = on && !schedule.Enabled ? ScheduleCadence.Next(schedule.Cadence, schedule.Hour, schedule.DayOfWeek, time.GetUtcNow()) : schedule.NextRun;
        var changed = await database.WriteAsync(
            async write => await write.Sql("UPDATE automation_schedules SET enabled = @enabled, next_run = @next WHERE id = @id AND account_id = @account")
                .With("@enabled", on ? 1 : 0).With("@next", next.ToUnixTimeMilliseconds()).With("@id", id).With("@account", accountId)
                .ExecuteNonQueryAsync(cancellationToken),
            static _ => true, prepare: false, cancellationToken);
        return changed == 1 ? schedule with { Enabled = on, NextRun = next } : AutomationErrors.ScheduleNotFound(id);
    }

    public async Task<Result<bool>> DeleteAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        var deleted = await database.WriteAsync(
            async write => await write.Sql("DELETE FROM automation_schedules WHERE id = @id AND account_id = @account")
                .With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken),
            static _ => true, prepare: false, cancellationToken);
        return deleted == 1 ? true : AutomationErrors.ScheduleNotFound(id);
    }

    internal static async Task<List<Schedule>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<Schedule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Schedule(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9) == 1, reader.GetInt32(10) == 1, reader.GetInt32(11) == 1,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
                reader.IsDBNull(14) ? null : reader.GetString(14), reader.IsDBNull(15) ? null : reader.GetString(15), reader.GetInt64(16),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(17))));
        }

        return list;
    }
}
