using System.Collections.Concurrent;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// Finds (and on first use creates) the row of a ledger account. Rows are never deleted, so ids are cached for the
/// life of the process; creation runs in its own autocommit statement, never inside an operation's transaction,
/// so a rolled-back operation cannot leave a cached id without a row.
/// </summary>
internal sealed class LedgerAccounts(TesseraDatabase database)
{
    /// <summary>System owners are split into this many rows per currency so transfers of different users do not
    /// queue on one row lock on PostgreSQL (every post credits the revenue account).</summary>
    public const int SystemShards = 1 << ShardBits;

    private const int ShardBits = 4;

    private const string EnsureSql = """
        INSERT INTO ledger_accounts (owner_id, currency, pool, shard, system) VALUES (@owner, @currency, @pool, @shard, @system)
        ON CONFLICT (owner_id, currency, pool, shard) DO NOTHING
        """;

    private const string FindSql = "SELECT id FROM ledger_accounts WHERE owner_id = @owner AND currency = @currency AND pool = @pool AND shard = @shard";

    private readonly ConcurrentDictionary<(string Owner, string Currency, string Pool, int Shard), long> _ids = new();

    /// <summary>The shard of a system owner that money from (or to) a user's account goes through. The id is mixed
    /// first (Fibonacci hashing, the top bits): a user's pools are created together, so account ids of different users
    /// are a fixed step apart, and a plain modulo mapped the 8 users of the ledger benchmark onto 4 shards.</summary>
    public static int ShardFor(long userAccountId) => (int)(unchecked((ulong)userAccountId * 0x9E3779B97F4A7C15UL) >> (64 - ShardBits));

    public ValueTask<long> IdAsync(string owner, string currency, string pool, CancellationToken cancellationToken) =>
        IdAsync(owner, currency, pool, 0, cancellationToken);

    public async ValueTask<long> IdAsync(string owner, string currency, string pool, int shard, CancellationToken cancellationToken)
    {
        var key = (owner, currency, pool, shard);
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var find = connection.Command(FindSql).With("@owner", owner).With("@currency", currency).With("@pool", pool).With("@shard", shard))
        {
            id = await find.ScalarLongAsync(cancellationToken);
        }

        if (id == 0)
        {
            await using (var ensure = connection.Command(EnsureSql)
                .With("@owner", owner).With("@currency", currency).With("@pool", pool).With("@shard", shard)
                .With("@system", SystemOwners.IsSystem(owner) ? 1 : 0))
            {
                await ensure.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var find = connection.Command(FindSql).With("@owner", owner).With("@currency", currency).With("@pool", pool).With("@shard", shard);
            id = await find.ScalarLongAsync(cancellationToken);
        }

        _ids[key] = id;
        return id;
    }
}
