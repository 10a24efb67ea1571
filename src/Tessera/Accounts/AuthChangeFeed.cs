using Microsoft.Extensions.Options;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>
/// Reads <c>auth_changes</c> every <see cref="AccountsOptions.ChangeFeedInterval"/> (250 ms) and evicts what other
/// nodes changed, so a revoked key stops working everywhere within a second while a request costs no round-trip.
/// Rows older than an hour are trimmed: a node that was away longer starts with an empty cache anyway.
/// </summary>
internal sealed partial class AuthChangeFeed(
    TesseraDatabase database,
    AuthChanges changes,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<AuthChangeFeed> logger) : BackgroundService
{
    private long _lastSeq = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: the poll cadence is what bounds revocation on other nodes.
        using var timer = new PeriodicTimer(options.Value.ChangeFeedInterval);
        var polls = 0;
        try
        {
            do
            {
                try
                {
                    await PollAsync(stoppingToken);
                    if (++polls % 2400 == 0)
                    {
                        await TrimAsync(stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    LogPollFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (_lastSeq < 0)
        {
            _lastSeq = await connection.Command("SELECT COALESCE(MAX(seq), 0) FROM auth_changes").ScalarLongAndDisposeAsync(cancellationToken);
            return;
        }

        await using var reader = await connection.Command("SELECT seq, key_id, account_id FROM auth_changes WHERE seq > @seq ORDER BY seq")
            .With("@seq", _lastSeq)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _lastSeq = reader.GetInt64(0);
            changes.Evict(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
    }

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("DELETE FROM auth_changes WHERE at < @before")
            .With("@before", time.GetUtcNow().AddHours(-1).ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Reading the key-change feed failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
