using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Common;
using Tessera.Http;
using Tessera.Ledger;
using Tessera.Storage;

namespace Tessera.Jobs;

/// <summary>
/// The job tables through hand-written SQL (<see cref="JobSql"/>). Every state change is a conditional UPDATE on the row
/// (status, and the lease owner for a worker's changes), so the database — not a process lock — decides who wins.
/// </summary>
internal sealed class JobStore(TesseraDatabase database, LedgerService ledger, TimeProvider time, ILogger<JobStore> logger)
{
    public TesseraDatabase Database => database;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Inserts a queued job; a priced one together with its hold, placed in the same transaction (one write on the
    /// node's writer, and never a hold without its job or a job without its hold). Not enough money: nothing is written.
    /// </summary>
    public async Task<Result<NewJob>> InsertAsync(NewJob job, HoldPlan? hold, CancellationToken cancellationToken)
    {
        return await WriteAsync(async w =>
        {
            if (hold is not null)
            {
                var placed = await ledger.HoldWithinAsync(w, hold);
                if (!placed.IsSuccess)
                {
                    return placed.Error;
                }

                job = job with { HoldId = placed.Value.Id };
            }

            await w.Sql(JobSql.Insert)
                .With("@id", job.Id).With("@kind", job.Kind).With("@surface", job.Surface).With("@account", job.AccountId).With("@model", job.Model)
                .With("@input", job.Input).With("@max_attempts", (long)job.MaxAttempts).With("@now", job.CreatedAt)
                .With("@deadline", job.DeadlineAt).With("@hold", job.HoldId).With("@currency", job.Currency).With("@cost", job.Cost)
                .With("@webhook", job.WebhookUrl).With("@expires", job.ExpiresAt)
                .ExecuteNonQueryAsync(cancellationToken);
            return (Result<NewJob>)job;
        }, cancellationToken);
    }

    public async Task<StoredJob?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        StoredJob? job;
        await using (var command = connection.Command(JobSql.Find).With("@id", id))
        {
            job = (await ReadJobsAsync(command, cancellationToken)).FirstOrDefault();
        }

        return job is null ? null : job with { Job = job.Job with { Outputs = await OutputsAsync(connection, id, cancellationToken) } };
    }

    public async Task<IReadOnlyList<Job>> PageAsync(string accountId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        List<StoredJob> page;
        // Ids are sequential (time first), so "before the cursor id" is "older"; '~' sorts after every id character.
        await using (var command = connection.Command(JobSql.Page).With("@account", accountId).With("@cursor", cursor ?? "~").With("@limit", (long)limit))
        {
            page = await ReadJobsAsync(command, cancellationToken);
        }

        var jobs = new List<Job>(page.Count);
        foreach (var stored in page)
        {
            jobs.Add(stored.Job with { Outputs = await OutputsAsync(connection, stored.Job.Id, cancellationToken) });
        }

        return jobs;
    }

    public async Task<JobOutput?> OutputAsync(string jobId, int index, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(JobSql.Output).With("@id", jobId).With("@idx", (long)index);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadOutput(reader) : null;
    }

    /// <summary>Claims up to <paramref name="count"/> due jobs for <paramref name="owner"/> until <paramref name="leaseUntil"/>.</summary>
    public async Task<List<StoredJob>> ClaimAsync(string owner, int count, long leaseUntil, CancellationToken cancellationToken)
    {
        var now = Now;
        return await WriteAsync(async w =>
        {
            var command = w.Sql(database.IsSqlite ? JobSql.ClaimSqlite : JobSql.ClaimPostgres)
                .With("@owner", owner).With("@lease", leaseUntil).With("@now", now).With("@n", (long)count);
            return await ReadJobsAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Extends the lease; null when this worker lost it, else whether the owner asked to cancel.</summary>
    public async Task<bool?> HeartbeatAsync(string id, string owner, long leaseUntil, CancellationToken cancellationToken)
    {
        return await WriteAsync(async w =>
        {
            var value = await w.Sql(JobSql.Heartbeat)
                .With("@lease", leaseUntil).With("@id", id).With("@owner", owner).ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? (bool?)null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0;
        }, cancellationToken);
    }

    public async Task<bool> RequeueAsync(
        string id, string owner, long runAfter, int engineIndex, int attempts, string? engine, string? code, string? message, CancellationToken cancellationToken)
    {
        return await WriteAsync(async w => await w.Sql(JobSql.Requeue)
            .With("@run_after", runAfter).With("@engine_index", (long)engineIndex).With("@attempts", (long)attempts).With("@engine", engine)
            .With("@code", code).With("@message", message).With("@id", id).With("@owner", owner)
            .ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);
    }

    /// <summary>
    /// The terminal commit: status, the output rows and the hold's one resolution — the post or void itself included —
    /// in one transaction that applies only while <paramref name="owner"/> still holds the lease. Null: someone else
    /// finished or owns the job, nothing was written. Otherwise whether the hold is settled (or there was none); when
    /// the ledger refused for now, the terminal state stands and the finisher (or the sweep) resolves the hold later.
    /// </summary>
    public async Task<bool?> CompleteAsync(string owner, Terminal terminal, IReadOnlyList<JobOutput> outputs, CancellationToken cancellationToken)
    {
        return await WriteAsync(async w =>
        {
            var updated = await w.Sql(JobSql.Complete)
                .With("@status", terminal.Status).With("@resolution", terminal.HoldResolution).With("@engine", terminal.Engine)
                .With("@metadata", terminal.Metadata?.ToJsonString()).With("@code", terminal.ErrorCode).With("@message", terminal.ErrorMessage)
                .With("@now", terminal.CompletedAt).With("@hooks", terminal.HooksPending ? 1L : 0L).With("@followup", terminal.FollowupAt)
                .With("@id", terminal.JobId).With("@owner", owner)
                .ExecuteNonQueryAsync(cancellationToken);
            if (updated != 1)
            {
                return (bool?)null; // nothing was written: the UPDATE matched no row
            }

            foreach (var output in outputs)
            {
                await w.Sql(JobSql.InsertOutput)
                    .With("@id", terminal.JobId).With("@idx", (long)output.Index).With("@role", output.Role).With("@hash", output.BlobHash)
                    .With("@type", output.ContentType).With("@size", output.Size).With("@now", output.CreatedAt.ToUnixTimeMilliseconds())
                    .ExecuteNonQueryAsync(cancellationToken);
            }

            return await SettleHoldAsync(w, terminal, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Cancels a queued job and settles its hold in the same transaction; null when it was no longer queued.</summary>
    public async Task<bool?> CancelQueuedAsync(Terminal terminal, CancellationToken cancellationToken)
    {
        return await WriteAsync(async w =>
        {
            var updated = await w.Sql(JobSql.CancelQueued)
                .With("@resolution", terminal.HoldResolution).With("@message", terminal.ErrorMessage).With("@now", terminal.CompletedAt)
                .With("@hooks", terminal.HooksPending ? 1L : 0L).With("@followup", terminal.FollowupAt).With("@id", terminal.JobId)
                .ExecuteNonQueryAsync(cancellationToken);
            return updated == 1 ? await SettleHoldAsync(w, terminal, cancellationToken) : (bool?)null;
        }, cancellationToken);
    }

    /// <summary>
    /// Inside the terminal transaction: posts or voids the job's hold (ledger key <c>job:{id}:{resolution}</c>, the same
    /// one the finisher uses, so a later retry is a replay) and records it resolved. True when settled or none.
    /// </summary>
    private async Task<bool> SettleHoldAsync(WriteCommands w, Terminal terminal, CancellationToken cancellationToken)
    {
        if (terminal.HoldResolution is not { } resolution || terminal.HoldId is not { } holdId)
        {
            return true;
        }

        var result = await ledger.ResolveWithinAsync(w, holdId, resolution == HoldResolutions.Post, JobFinisher.LedgerKey(terminal.JobId, resolution));
        if (!result.IsSuccess && !JobFinisher.IsSettled(result.Error))
        {
            Log.HoldResolveFailed(logger, terminal.JobId, holdId, resolution, result.Error.Code);
            return false;
        }

        if (!result.IsSuccess)
        {
            Log.HoldAlreadySettled(logger, terminal.JobId, holdId, resolution, result.Error.Code);
        }

        await w.Sql(JobSql.HoldSettled)
            .With("@now", terminal.CompletedAt).With("@followup", terminal.HooksPending ? terminal.FollowupAt : null).With("@id", terminal.JobId)
            .ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RequestCancelAsync(string id, CancellationToken cancellationToken)
    {
        return await WriteAsync(async w =>
            await w.Sql(JobSql.RequestCancel).With("@id", id).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);
    }

    /// <summary>Records what the finisher got done: the hold resolved or not, hooks still owed or not, and when to look again.</summary>
    public async Task FinishedAsync(string id, long? holdResolvedAt, bool hooksPending, long? followupAt, CancellationToken cancellationToken)
    {
        await WriteAsync(async w => await w.Sql(JobSql.Finished)
            .With("@resolved", holdResolvedAt).With("@hooks", hooksPending ? 1L : 0L).With("@followup", followupAt).With("@id", id)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    public async Task<List<StoredJob>> ClaimFollowupsAsync(int count, long next, CancellationToken cancellationToken)
    {
        var now = Now;
        var claimed = await WriteAsync(async w =>
        {
            var command = w.Sql(JobSql.ClaimFollowups).With("@next", next).With("@now", now).With("@n", (long)count);
            return await ReadJobsAsync(command, cancellationToken);
        }, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var i = 0; i < claimed.Count; i++)
        {
            claimed[i] = claimed[i] with { Job = claimed[i].Job with { Outputs = await OutputsAsync(connection, claimed[i].Job.Id, cancellationToken) } };
        }

        return claimed;
    }

    public async Task<List<string>> DueForExpiryAsync(int count, CancellationToken cancellationToken)
    {
        var due = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(JobSql.DueForExpiry).With("@now", Now).With("@n", (long)count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }

    /// <summary>Deletes a job's output rows and marks it expired; gives the hashes those rows named.</summary>
    public async Task<List<string>> ExpireAsync(string id, CancellationToken cancellationToken)
    {
        var now = Now;
        return await WriteAsync(async w =>
        {
            var hashes = new List<string>();
            await using (var reader = await w.Sql(JobSql.OutputHashes).With("@id", id).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    hashes.Add(reader.GetString(0));
                }
            }

            await w.Sql(JobSql.DeleteOutputs).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
            await w.Sql(JobSql.MarkExpired).With("@id", id).With("@now", now).ExecuteNonQueryAsync(cancellationToken);
            return hashes;
        }, cancellationToken);
    }

    public async Task<bool> BlobInUseAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command(JobSql.BlobInUse).With("@hash", hash).ScalarLongAndDisposeAsync(cancellationToken) > 0;
    }

    /// <summary>A shared setting: the stored value, or <paramref name="value"/> stored now when there is none (first writer wins).</summary>
    public string Setting(string name, string value)
    {
        using var connection = database.OpenAsync().AsTask().GetAwaiter().GetResult();
        connection.Command(JobSql.InsertSetting).With("@name", name).With("@value", value).ExecuteAndDispose();
        return (string)connection.Command(JobSql.Setting).With("@name", name).ScalarAndDispose()!;
    }

    /// <summary>
    /// One write transaction: on SQLite a savepoint in the node's shared group-commit writer (one connection writes, so
    /// job writes never wait on the ledger's in SQLite's busy handler); on PostgreSQL a transaction of its own.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<WriteCommands, Task<T>> work, CancellationToken cancellationToken)
    {
        if (database.SqliteWrites is { } writes)
        {
            return await writes.WriteAsync(
                async write =>
                {
                    using var commands = new WriteCommands(write.Connection, write.Transaction, write.Prepared);
                    return await work(commands);
                },
                static _ => true,
                cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        using var commands = new WriteCommands(connection, transaction, prepared: null);
        var result = await work(commands);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<IReadOnlyList<JobOutput>> OutputsAsync(DbConnection connection, string jobId, CancellationToken cancellationToken)
    {
        var outputs = new List<JobOutput>();
        await using var command = connection.Command(JobSql.Outputs).With("@id", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outputs.Add(ReadOutput(reader));
        }

        return outputs;
    }

    private static JobOutput ReadOutput(DbDataReader reader) => new(
        (int)reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));

    private async Task<List<StoredJob>> ReadJobsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var now = Now;
        var jobs = new List<StoredJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(ReadJob(reader, now));
        }

        return jobs;
    }

    private static StoredJob ReadJob(DbDataReader reader, long now)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        long? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        DateTimeOffset? Time(int i) => Number(i) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

        var status = reader.GetString(5);
        var currency = Text(29);
        var expiresAt = reader.GetInt64(22);
        var expired = !reader.IsDBNull(23) || (JobStatus.IsTerminal(status) && now >= expiresAt);
        var job = new Job(
            Id: reader.GetString(0),
            Kind: reader.GetString(28),
            Surface: reader.GetString(1),
            AccountId: reader.GetString(2),
            Model: Text(3),
            Input: JsonDocument.Parse(reader.GetString(4)).RootElement.Clone(),
            Status: status,
            Attempts: (int)reader.GetInt64(6),
            MaxAttempts: (int)reader.GetInt64(7),
            EngineIndex: (int)reader.GetInt64(8),
            HoldId: Text(9),
            Currency: currency,
            Cost: currency is null ? 0m : Ledger.Currency.Parse(currency).Value.ToDisplay(reader.GetInt64(10)),
            Engine: Text(11),
            Metadata: Text(12) is { } metadata ? JsonNode.Parse(metadata) as JsonObject : null,
            ErrorCode: Text(13),
            ErrorMessage: Text(14),
            WebhookUrl: Text(15),
            CancelRequested: reader.GetInt64(16) != 0,
            HooksPending: reader.GetInt64(17) != 0,
            CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(18)),
            StartedAt: Time(19),
            CompletedAt: Time(20),
            DeadlineAt: Time(21),
            ExpiresAt: DateTimeOffset.FromUnixTimeMilliseconds(expiresAt),
            Expired: expired,
            Outputs: []);
        return new StoredJob(job, Text(27), reader.GetInt64(24), Text(25), !reader.IsDBNull(26));
    }
}

/// <summary>A job about to be inserted (times in epoch ms, the cost in minor units of its currency).</summary>
internal sealed record NewJob(
    string Id, string Kind, string Surface, string AccountId, string? Model, string Input, int MaxAttempts, long CreatedAt, long? DeadlineAt,
    string? HoldId, string? Currency, long Cost, string? WebhookUrl, long ExpiresAt)
{
    /// <summary>The job as its freshly inserted row reads (<see cref="JobStore.FindAsync"/> would give the same).</summary>
    public Job Queued(JsonElement input) => new(
        Id, Kind, Surface, AccountId, Model, input, JobStatus.Queued, Attempts: 0, MaxAttempts, EngineIndex: 0, HoldId, Currency,
        Currency is null ? 0m : Ledger.Currency.Parse(Currency).Value.ToDisplay(Cost), Engine: null, Metadata: null, ErrorCode: null,
        ErrorMessage: null, WebhookUrl, CancelRequested: false, HooksPending: false, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        StartedAt: null, CompletedAt: null, DeadlineAt is { } deadline ? DateTimeOffset.FromUnixTimeMilliseconds(deadline) : null,
        DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt), Expired: false, Outputs: []);
}

/// <summary>How a job ends: its status, the one resolution its hold gets, and what the worker or cancel recorded.</summary>
internal sealed record Terminal(
    string JobId, string Status, string? HoldId, string? HoldResolution, string? Engine, JsonObject? Metadata, string? ErrorCode, string? ErrorMessage,
    long CompletedAt, bool HooksPending, long? FollowupAt);
