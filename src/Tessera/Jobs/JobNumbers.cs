using Tessera.Storage;

namespace Tessera.Jobs;

/// <summary>
/// Whole-number ids for jobs, for surfaces whose docs show <c>"job_id": 1024</c> (Pixels Ocean), over the queue's own
/// text ids; and how many jobs of a kind an account has waiting or running (per-account caps of a kind). Generic over
/// kinds: batch edits today, scrape jobs next.
/// </summary>
public sealed class JobNumbers(TesseraDatabase database)
{
    /// <summary>The job's number, given once (asking again answers the same number).</summary>
    public Task<long> AssignAsync(string jobId, string accountId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async write =>
            {
                await write.Sql("INSERT INTO job_numbers (job_id, account_id) VALUES (@job, @account) ON CONFLICT (job_id) DO NOTHING")
                    .With("@job", jobId).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return await write.Sql("SELECT number FROM job_numbers WHERE job_id = @job").With("@job", jobId).ScalarLongAsync(cancellationToken);
            },
            static _ => true, prepare: false, cancellationToken);

    /// <summary>The queue id of the account's job with that number, or null (not there, or another account's).</summary>
    public async Task<string?> FindAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT job_id FROM job_numbers WHERE number = @number AND account_id = @account")
            .With("@number", number).With("@account", accountId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetString(0) : null;
    }

    /// <summary>The queue id and owner of the job with that number, or null: for a signed link, which carries no key.</summary>
    public async Task<(string JobId, string AccountId)?> OwnerAsync(long number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT job_id, account_id FROM job_numbers WHERE number = @number")
            .With("@number", number).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>The number of a job, or null when it has none.</summary>
    public async Task<long?> NumberOfAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT number FROM job_numbers WHERE job_id = @job").With("@job", jobId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
    }

    /// <summary>The account's jobs of <paramref name="kind"/> that are queued or running.</summary>
    public async Task<long> ActiveAsync(string accountId, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("SELECT COUNT(*) FROM jobs WHERE account_id = @account AND kind = @kind AND status IN ('queued', 'running')")
            .With("@account", accountId).With("@kind", kind).ScalarLongAsync(cancellationToken);
    }
}
