using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Jobs;
using Tessera.Scraping;
using Tessera.Storage;

namespace Tessera.Automation.Schedules;

/// <summary>
/// Fires due runs as scrape jobs, once, on any number of nodes. A run is claimed by one conditional UPDATE that moves
/// <c>next_run</c> on and records the run's job id (made before the job exists) — only the node whose UPDATE matched the
/// old <c>next_run</c> fires it. The job is then submitted with that id and the claim cleared. A node that dies between
/// the two leaves the claim; once it is older than <see cref="AutomationOptions.RunLease"/> another node takes it over
/// (again by a conditional UPDATE) and submits the job only if no job has that id, so a run makes one job whatever fails.
/// A server that was down for several periods fires one run when it returns, not a backlog.
/// </summary>
public sealed class ScheduleRunner(
    TesseraDatabase database, ScrapeJobs scrapes, JobService jobs, AccountService accounts, TimeProvider time, IOptions<AutomationOptions> options,
    ILogger<ScheduleRunner> logger)
{
    /// <summary>One pass: finish stranded claims, then claim and fire what is due. Returns the runs this node fired.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var fired = 0;
        foreach (var (schedule, jobId, due, claimedAt) in await StrandedAsync(now - settings.RunLease, settings.SchedulerBatch, cancellationToken))
        {
            var taken = await UpdateAsync(
                "UPDATE automation_schedules SET run_claimed_at = @now WHERE id = @id AND run_job_id = @job AND run_claimed_at = @claimed",
                cancellationToken, ("@now", now.ToUnixTimeMilliseconds()), ("@id", schedule.Id), ("@job", jobId), ("@claimed", claimedAt));
            if (taken == 1)
            {
                await FireAsync(schedule, jobId, due, cancellationToken);
                Log.RunRecovered(logger, schedule.Id, due, jobId);
                fired++;
            }
        }

        foreach (var schedule in await DueAsync(now, settings.SchedulerBatch, cancellationToken))
        {
            var due = schedule.NextRun;
            var next = ScheduleCadence.Next(schedule.Cadence, schedule.Hour, schedule.DayOfWeek, due > now ? due : now);
            var jobId = Ids.NewSequential("job_", now);
            var claimed = await UpdateAsync(
                """
                UPDATE automation_schedules SET next_run = @next, run_job_id = @job, run_due = @due, run_claimed_at = @now
                WHERE id = @id AND enabled = 1 AND next_run = @due AND run_job_id IS NULL
                """,
                cancellationToken, ("@next", next.ToUnixTimeMilliseconds()), ("@job", jobId), ("@due", due.ToUnixTimeMilliseconds()),
                ("@now", now.ToUnixTimeMilliseconds()), ("@id", schedule.Id));
            if (claimed == 1)
            {
                await FireAsync(schedule, jobId, due, cancellationToken);
                fired++;
            }
        }

        return fired;
    }

    /// <summary>Submits the run's job unless it exists already, then clears the claim and records the outcome.</summary>
    private async Task FireAsync(Schedule schedule, string jobId, DateTimeOffset due, CancellationToken cancellationToken)
    {
        string? error = null;
        if (await accounts.FindAsync(schedule.AccountId, cancellationToken) is not { Status: AccountStatus.Active })
        {
            // A suspended account's schedules keep their times but do no work: the run is recorded as skipped.
            error = "account_suspended: the account is not active, so the run was skipped.";
            Log.RunRefused(logger, schedule.Id, due, "account_suspended", "the account is not active");
        }
        else if (!(await jobs.GetAsync(schedule.AccountId, jobId, cancellationToken)).IsSuccess)
        {
            var request = new ScrapeRequest(schedule.Url, schedule.SniperMode, schedule.MaxFiles, 0, null, false, false, schedule.AiLabeling, 1, Force: true);
            var submitted = await scrapes.SubmitAsync(schedule.AccountId, schedule.Surface, request, jobId, cancellationToken);
            if (submitted.IsSuccess)
            {
                Log.RunQueued(logger, schedule.Id, due, jobId);
            }
            else
            {
                error = $"{submitted.Error.Code}: {submitted.Error.Message}";
                Log.RunRefused(logger, schedule.Id, due, submitted.Error.Code, submitted.Error.Message);
            }
        }

        await UpdateAsync(
            """
            UPDATE automation_schedules SET run_job_id = NULL, run_due = NULL, run_claimed_at = NULL, last_run_at = @due, last_job_id = @last,
                last_error = @error, runs = runs + 1
            WHERE id = @id AND run_job_id = @job
            """,
            cancellationToken, ("@due", due.ToUnixTimeMilliseconds()), ("@last", error is null ? jobId : null), ("@error", error), ("@id", schedule.Id), ("@job", jobId));
    }

    private async Task<List<Schedule>> DueAsync(DateTimeOffset now, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT {ScheduleStore.Columns} FROM automation_schedules
            WHERE enabled = 1 AND next_run <= @now AND run_job_id IS NULL ORDER BY next_run LIMIT @batch
            """).With("@now", now.ToUnixTimeMilliseconds()).With("@batch", batch);
        return await ScheduleStore.ReadAsync(command, cancellationToken);
    }

    private async Task<List<(Schedule Schedule, string JobId, DateTimeOffset Due, long ClaimedAt)>> StrandedAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken)
    {
        var claims = new List<(long Id, string JobId, long Due, long ClaimedAt)>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.Command("""
            SELECT id, run_job_id, run_due, run_claimed_at FROM automation_schedules
            WHERE run_job_id IS NOT NULL AND run_claimed_at <= @before ORDER BY run_claimed_at LIMIT @batch
            """).With("@before", before.ToUnixTimeMilliseconds()).With("@batch", batch))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claims.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        var stranded = new List<(Schedule, string, DateTimeOffset, long)>();
        foreach (var claim in claims)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.Command($"SELECT {ScheduleStore.Columns} FROM automation_schedules WHERE id = @id").With("@id", claim.Id);
            if ((await ScheduleStore.ReadAsync(command, cancellationToken)).FirstOrDefault() is { } schedule)
            {
                stranded.Add((schedule, claim.JobId, DateTimeOffset.FromUnixTimeMilliseconds(claim.Due), claim.ClaimedAt));
            }
        }

        return stranded;
    }

    private Task<int> UpdateAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.WriteAsync(
            async write =>
            {
                var command = write.Sql(sql);
                foreach (var (name, value) in parameters)
                {
                    command.With(name, value);
                }

                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            static _ => true, prepare: false, cancellationToken);
}
