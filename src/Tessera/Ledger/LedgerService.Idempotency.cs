using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>
/// Idempotency: an operation's receipt is stored under (owner, key) in the same transaction as its effects, so a
/// key is either unused or bound to exactly one committed result. A replay returns that receipt and moves nothing.
/// The happy path costs no extra round trip: the key is looked up only when the operation fails (a replay of a
/// spent hold, say) or when storing the receipt finds the key taken (then the transaction rolls back).
/// </summary>
public sealed partial class LedgerService
{
    /// <summary>Internal only: the receipt's key was taken; the message carries the owner it is scoped to.</summary>
    private const string KeyTakenCode = "idempotency_key_taken";

    private async Task<Result<LedgerReceipt>> WriteAsync(
        string? ownerId, string? key, string kind, Func<LedgerSession, Task<Result<LedgerReceipt>>> work, CancellationToken cancellationToken)
    {
        var result = await _writer.WriteAsync(work, cancellationToken);
        if (result.IsSuccess || key is null)
        {
            return result;
        }

        var taken = result.Error.Code == KeyTakenCode;
        var owner = taken ? result.Error.Message : ownerId;
        if (owner is not null && await ReadOperationAsync(owner, key, cancellationToken) is { } prior)
        {
            return Replay(prior, kind);
        }

        return taken ? throw new InvalidOperationException("Idempotency key taken but no operation stored.") : result;
    }

    /// <summary>Inside the transaction, for operations whose owner is known only there (post, void of a resolved hold).</summary>
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

    /// <summary>Queues the receipt's row and sends every queued write; an error means roll back.</summary>
    private async Task<Result<LedgerReceipt>> CompleteAsync(LedgerSession session, string ownerId, string? key, LedgerReceipt receipt)
    {
        if (key is not null)
        {
            var minor = Currency.Parse(receipt.Currency).Value.ToMinor(receipt.Amount);
            var taken = await session.QueueAsync(LedgerSql.InsertOperation, 1, new Error(KeyTakenCode, ownerId, 409),
                ("@owner", ownerId), ("@key", key), ("@kind", receipt.Kind), ("@ref", receipt.Id), ("@currency", receipt.Currency),
                ("@amount", minor.IsSuccess ? minor.Value : 0L), ("@status", receipt.Status), ("@now", Now));
            if (taken is not null)
            {
                return taken;
            }
        }

        return await session.FlushAsync() is { } error ? error : receipt;
    }

    private async Task<LedgerReceipt?> ReadOperationAsync(string ownerId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var session = new LedgerSession(connection, transaction, !_database.IsSqlite, prepared: null);
        return await FindOperationAsync(session, ownerId, key);
    }
}
