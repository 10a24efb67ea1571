using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>
/// Idempotency: an operation's receipt is stored under (owner, key) in the same transaction as its effects, so a
/// key is either unused or bound to exactly one committed result. A replay returns that receipt and moves nothing.
/// </summary>
public sealed partial class LedgerService
{
    private async Task<Result<LedgerReceipt>> WriteAsync(
        string ownerId, string? key, string kind, Func<LedgerSession, Task<Result<LedgerReceipt>>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await _writer.WriteAsync(async session =>
            {
                if (key is not null && await FindOperationAsync(session, ownerId, key) is { } prior)
                {
                    return Replay(prior, kind);
                }

                var result = await work(session);
                if (result.IsSuccess && key is not null)
                {
                    await RecordAsync(session, ownerId, key, result.Value);
                }

                return result;
            }, cancellationToken);
        }
        catch (ReplayRaceException race)
        {
            return await ReplayAfterRaceAsync(race, kind, cancellationToken);
        }
    }

    /// <summary>For operations whose owner is known only inside the transaction (post, void): check a key there.</summary>
    private static async Task<Result<LedgerReceipt>?> ReplayInsideAsync(LedgerSession session, string ownerId, string? key, string kind) =>
        key is not null && await FindOperationAsync(session, ownerId, key) is { } prior ? Replay(prior, kind) : (Result<LedgerReceipt>?)null;

    private static Result<LedgerReceipt> Replay(LedgerReceipt prior, string kind) =>
        prior.Kind == kind ? prior with { Replayed = true } : LedgerErrors.IdempotencyMismatch();

    private static async Task<LedgerReceipt?> FindOperationAsync(LedgerSession session, string ownerId, string key)
    {
        var command = Bind(session.Sql(LedgerSql.FindOperation), [("@owner", ownerId), ("@key", key)]);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var currency = Currency.Parse(reader.GetString(2)).Value;
        return new LedgerReceipt(reader.GetString(0), reader.GetString(1), currency.Name, currency.ToDisplay(reader.GetInt64(3)), reader.GetString(4));
    }

    private async Task RecordAsync(LedgerSession session, string ownerId, string key, LedgerReceipt receipt)
    {
        var minor = Currency.Parse(receipt.Currency).Value.ToMinor(receipt.Amount);
        var inserted = await ExecuteAsync(session, LedgerSql.InsertOperation,
            ("@owner", ownerId), ("@key", key), ("@kind", receipt.Kind), ("@ref", receipt.Id), ("@currency", receipt.Currency),
            ("@amount", minor.IsSuccess ? minor.Value : 0L), ("@status", receipt.Status), ("@now", Now));
        if (inserted == 0)
        {
            // Another node committed the same key while this transaction ran: undo ours and answer with theirs.
            throw new ReplayRaceException(ownerId, key);
        }
    }

    private async Task<Result<LedgerReceipt>> ReplayAfterRaceAsync(ReplayRaceException race, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var session = new LedgerSession(connection, transaction, !_database.IsSqlite, cache: null);
        var prior = await FindOperationAsync(session, race.OwnerId, race.Key);
        return prior is null ? throw new InvalidOperationException("Idempotency race without a stored operation.") : Replay(prior, kind);
    }

    private sealed class ReplayRaceException(string ownerId, string key) : Exception("Idempotency key committed concurrently.")
    {
        public string OwnerId { get; } = ownerId;

        public string Key { get; } = key;
    }
}
