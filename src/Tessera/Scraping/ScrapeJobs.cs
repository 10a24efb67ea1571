using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Jobs;
using Tessera.Storage;

namespace Tessera.Scraping;

/// <summary>A scrape on the queue: its whole-number id, the job, and whether an earlier scrape's job answered it.</summary>
public sealed record SubmittedScrape(long Number, Job Job, bool Cached);

/// <summary>
/// <c>POST /api/scrape</c>'s use case: the same account asking the same URL with the same options within
/// <see cref="ScrapingOptions.ResultLifetime"/> gets the earlier job (queued, running or completed; not a failed one)
/// unless <c>force</c>; otherwise a <c>scrape</c> job is queued (at most <see cref="ScrapingOptions.MaxActivePerAccount"/>
/// waiting or running per account) and remembered for the next ask.
/// </summary>
public sealed class ScrapeJobs(JobService jobs, JobNumbers numbers, TesseraDatabase database, IOptions<ScrapingOptions> options, TimeProvider time)
{
    public static Error TooManyScrapes(int limit) =>
        new("too_many_scrapes", $"At most {limit} scrapes of one account wait or run at once; poll GET /api/jobs/{{id}} and send the next when one is done.", 429);

    public Task<Result<SubmittedScrape>> SubmitAsync(string accountId, string surface, ScrapeRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(accountId, surface, request, null, cancellationToken);

    /// <param name="jobId">The job's id when the caller made it beforehand (a scheduled run, which records it first).</param>
    public async Task<Result<SubmittedScrape>> SubmitAsync(string accountId, string surface, ScrapeRequest request, string? jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.CacheKey)));
        var now = time.GetUtcNow();
        if (!request.Force && await CachedAsync(accountId, key, now, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        if (await numbers.ActiveAsync(accountId, ScrapeJobHandler.JobKind, cancellationToken) >= settings.MaxActivePerAccount)
        {
            return TooManyScrapes(settings.MaxActivePerAccount);
        }

        var submitted = await jobs.SubmitAsync(
            new JobSubmission(accountId, surface, null, JsonSerializer.SerializeToElement(request), Kind: ScrapeJobHandler.JobKind,
                Deadline: settings.MaxDuration + TimeSpan.FromMinutes(1), HoldTimeout: settings.MaxDuration + TimeSpan.FromMinutes(2), Id: jobId),
            cancellationToken);
        if (!submitted.IsSuccess)
        {
            return submitted.Error;
        }

        var number = await numbers.AssignAsync(submitted.Value.Job.Id, accountId, cancellationToken);
        await database.WriteAsync(
            async write => await write.Sql("""
                INSERT INTO scrape_results (account_id, request_key, job_id, created_at) VALUES (@account, @key, @job, @now)
                ON CONFLICT (account_id, request_key) DO UPDATE SET job_id = excluded.job_id, created_at = excluded.created_at
                """).With("@account", accountId).With("@key", key).With("@job", submitted.Value.Job.Id).With("@now", now.ToUnixTimeMilliseconds())
                .ExecuteNonQueryAsync(cancellationToken),
            static _ => true, prepare: true, cancellationToken);
        return new SubmittedScrape(number, submitted.Value.Job, Cached: false);
    }

    private async Task<SubmittedScrape?> CachedAsync(string accountId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? jobId;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.Command("SELECT job_id FROM scrape_results WHERE account_id = @account AND request_key = @key AND created_at >= @since")
            .With("@account", accountId).With("@key", key).With("@since", (now - options.Value.ResultLifetime).ToUnixTimeMilliseconds()))
        {
            jobId = await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (jobId is null)
        {
            return null;
        }

        var job = await jobs.GetAsync(accountId, jobId, cancellationToken);
        if (!job.IsSuccess || job.Value.Status is JobStatus.Failed or JobStatus.Canceled || job.Value.Expired)
        {
            return null;
        }

        var number = await numbers.NumberOfAsync(jobId, cancellationToken);
        return number is { } found ? new SubmittedScrape(found, job.Value, Cached: true) : null;
    }
}
