using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>
/// Holds: TigerBeetle's two-phase transfer. A hold moves money into the pending columns (debits_pending of the
/// payer's accounts, credits_pending of the payee); it then resolves exactly once: posted (in full or in part, the
/// rest returned), voided, or expired by the sweep once its timeout has passed.
/// </summary>
public sealed partial class LedgerService
{
    public static readonly TimeSpan DefaultHoldTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Reserves <paramref name="amount"/> of a user's money for <paramref name="payeeOwnerId"/> (the revenue
    /// account by default). Credits are held from the monthly pool first, then purchased: a hold may have two legs.</summary>
    public async Task<Result<LedgerReceipt>> HoldAsync(
        string ownerId, string currency, decimal amount, TimeSpan? timeout, string? idempotencyKey,
        string payeeOwnerId = SystemOwners.Revenue, CancellationToken cancellationToken = default)
    {
        var planned = await PlanHoldAsync(ownerId, currency, amount, timeout, payeeOwnerId, cancellationToken);
        if (!planned.IsSuccess)
        {
            return planned.Error;
        }

        var plan = planned.Value;
        var (_, money, _, minor, sources, payee, expiresAt) = plan;
        if (_postgres is not null)
        {
            var id = Ids.NewSequential("hold_", _time.GetUtcNow());
            var route = new HoldRoute(LedgerAccounts.ShardFor(sources[0]), [.. sources, payee]);
            var outcome = await _postgres.CallAsync(new LedgerCall(
                LedgerSql.HoldFunction,
                [ownerId, idempotencyKey, money.Name, sources[0], sources.Length > 1 ? sources[1] : null, payee, minor, id, expiresAt, Now],
                route.Accounts,
                UnknownHold: null,
                route.Lane), cancellationToken);
            if (outcome.Code == "ok")
            {
                _holdRoutes.Remember(id, route);
            }

            return FromOutcome(outcome, "hold", id, money.Name);
        }

        return await WriteAsync(ownerId, idempotencyKey, "hold", session => PlaceHoldInAsync(session, plan, idempotencyKey), cancellationToken);
    }

    /// <summary>
    /// Everything a hold needs decided before its transaction: the checks, the payer's spending accounts and the payee's
    /// (looked up, or made, on connections of their own — which is why this cannot happen inside a write).
    /// </summary>
    internal async Task<Result<HoldPlan>> PlanHoldAsync(
        string ownerId, string currency, decimal amount, TimeSpan? timeout, string payeeOwnerId, CancellationToken cancellationToken)
    {
        var validated = Validate(ownerId, currency, amount);
        if (!validated.IsSuccess)
        {
            return validated.Error;
        }

        if (string.Equals(ownerId, payeeOwnerId, StringComparison.Ordinal))
        {
            return Error.Validation("A hold cannot pay its own owner.");
        }

        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            return Error.Validation("The hold timeout must be positive.");
        }

        var (money, minor) = validated.Value;
        var sources = await SpendingAccountsAsync(ownerId, money, cancellationToken);
        var payee = await DestinationAsync(payeeOwnerId, money, sources[0], cancellationToken);
        var expiresAt = _time.GetUtcNow().Add(timeout ?? DefaultHoldTimeout).ToUnixTimeMilliseconds();
        return new HoldPlan(ownerId, money, amount, minor, sources, payee, expiresAt);
    }

    /// <summary>The hold's writes in <paramref name="session"/>: legs from the spending accounts, the pending columns, the hold row.</summary>
    private async Task<Result<LedgerReceipt>> PlaceHoldInAsync(LedgerSession session, HoldPlan plan, string? idempotencyKey)
    {
        var (ownerId, money, amount, minor, sources, payee, expiresAt) = plan;
        var legs = await PlanLegsAsync(session, sources, minor, money);
        if (!legs.IsSuccess)
        {
            return legs.Error;
        }

        var insufficient = LedgerErrors.InsufficientCredits(money.Name);
        var (first, second) = (legs.Value[0], legs.Value.Count > 1 ? legs.Value[1] : (Account: -1L, Amount: 0L));
        if (await session.QueueAsync(LedgerSql.PlaceHold, legs.Value.Count + 1, insufficient,
                ("@d1", first.Account), ("@a1", first.Amount), ("@d2", second.Account), ("@a2", second.Amount),
                ("@c", payee), ("@amount", minor)) is { } error)
        {
            return error;
        }

        var holdId = Ids.NewSequential("hold_", _time.GetUtcNow());
        await QueueAsync(session, LedgerSql.InsertHold, insufficient,
            ("@id", holdId), ("@owner", ownerId), ("@currency", money.Name), ("@credit", payee),
            ("@debit1", first.Account), ("@amount1", first.Amount),
            ("@debit2", second.Account < 0 ? null : second.Account), ("@amount2", second.Amount),
            ("@amount", minor), ("@expires", expiresAt), ("@now", Now));
        return await CompleteAsync(session, ownerId, idempotencyKey, new LedgerReceipt("hold", holdId, money.Name, amount, HoldStatus.Pending));
    }

    /// <summary>Posts a hold: all of it, or <paramref name="amount"/> of it with the rest returned to the payer.
    /// The first leg (the monthly pool, for credits) is consumed first.</summary>
    public Task<Result<LedgerReceipt>> PostAsync(string holdId, decimal? amount, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        ResolveAsync(holdId, "post", HoldStatus.Posted, amount, idempotencyKey, cancellationToken);

    /// <summary>Voids a hold: everything returns to the payer.</summary>
    public Task<Result<LedgerReceipt>> VoidAsync(string holdId, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        ResolveAsync(holdId, "void", HoldStatus.Voided, null, idempotencyKey, cancellationToken);

    /// <summary>Expires every pending hold whose timeout has passed (the background sweep calls this every second);
    /// returns how many this call expired. Safe on several nodes at once: each hold resolves once.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var due = new List<string>();
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = Storage.DbCommandExtensions.With(Storage.DbCommandExtensions.Command(connection, LedgerSql.DueHolds), "@now", Now))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(reader.GetString(0));
            }
        }

        // With a group-commit writer (SQLite, PostgreSQL by default): submitted together so they expire in a few
        // batches. PostgreSQL without it: a few at a time, so a backlog of 500 does not take every pooled connection.
        var expired = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _database.IsSqlite || _postgres is not null ? Math.Max(1, due.Count) : 4, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                if ((await ResolveAsync(id, "expire", HoldStatus.Expired, null, null, token)).IsSuccess)
                {
                    Interlocked.Increment(ref expired);
                }
            });
        return expired;
    }

    private async Task<Result<LedgerReceipt>> ResolveAsync(
        string holdId, string kind, string status, decimal? amount, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // The function converts nothing: a partial amount is made minor here, which needs one factor for every
        // currency (today all keep thousandths); otherwise the transaction path, which knows the hold's currency.
        if (_postgres is not null && (amount is null || UniformMinorPerUnit))
        {
            long? posted = null;
            if (amount is { } partial)
            {
                var minor = Currency.All[0].ToMinor(partial);
                if (!minor.IsSuccess)
                {
                    return minor.Error;
                }

                posted = minor.Value;
            }

            var route = _holdRoutes.Take(holdId);
            var outcome = await _postgres.CallAsync(
                new LedgerCall(
                    LedgerSql.ResolveFunction, [holdId, kind, status, posted, idempotencyKey, Now],
                    route?.Accounts ?? [], route is null ? holdId : null, route?.Lane),
                cancellationToken);
            return FromOutcome(outcome, kind, holdId, null);
        }

        return await WriteAsync(null, idempotencyKey, kind, session => ResolveInAsync(session, holdId, kind, status, amount, idempotencyKey), cancellationToken);
    }

    private static readonly bool UniformMinorPerUnit = Currency.All.All(currency => currency.MinorPerUnit == Currency.All[0].MinorPerUnit);

    /// <summary>A ledger function's outcome (0021_ledger_functions.sql) as the same result the transaction path gives.</summary>
    private static Result<LedgerReceipt> FromOutcome(LedgerOutcome outcome, string kind, string holdId, string? currency)
    {
        LedgerReceipt Receipt()
        {
            var money = Currency.Parse(outcome.Currency).Value;
            return new LedgerReceipt(outcome.Kind!, outcome.Ref!, money.Name, money.ToDisplay(outcome.Amount), outcome.Status!);
        }

        return outcome.Code switch
        {
            "ok" => Receipt(),
            "replay" => Replay(Receipt(), kind),
            "insufficient_credits" => LedgerErrors.InsufficientCredits(currency ?? outcome.Currency ?? ""),
            "not_found" => LedgerErrors.HoldNotFound(holdId),
            "hold_expired" => LedgerErrors.HoldExpired(holdId),
            "hold_already_resolved" => LedgerErrors.HoldResolved(holdId, outcome.Status ?? "resolved"),
            "not_due" => LedgerErrors.HoldResolved(holdId, "not due"),
            "post_exceeds_hold" => LedgerErrors.PostExceedsHold(),
            _ => throw new InvalidOperationException($"Unknown ledger outcome '{outcome.Code}'."),
        };
    }

    private async Task<Result<LedgerReceipt>> ResolveInAsync(
        LedgerSession session, string holdId, string kind, string status, decimal? amount, string? idempotencyKey)
    {
        var hold = await LoadHoldAsync(session, holdId);
        if (hold is null)
        {
            return LedgerErrors.HoldNotFound(holdId);
        }

        var now = Now;
        var expired = now >= hold.ExpiresAt;
        if (hold.Status != HoldStatus.Pending)
        {
            // A resolved hold: either this is a replay of the operation that resolved it, or a second attempt.
            if (await ReplayInsideAsync(session, hold.OwnerId, idempotencyKey, kind) is { } replay)
            {
                return replay;
            }

            return hold.Status == HoldStatus.Expired ? LedgerErrors.HoldExpired(holdId) : LedgerErrors.HoldResolved(holdId, hold.Status);
        }

        if (status == HoldStatus.Expired ? !expired : expired)
        {
            return status == HoldStatus.Expired ? LedgerErrors.HoldResolved(holdId, "not due") : LedgerErrors.HoldExpired(holdId);
        }

        var posted = 0L;
        if (status == HoldStatus.Posted)
        {
            var minor = amount is { } partial ? hold.Currency.ToMinor(partial) : hold.Amount;
            if (!minor.IsSuccess)
            {
                return minor.Error;
            }

            if (minor.Value > hold.Amount)
            {
                return LedgerErrors.PostExceedsHold();
            }

            posted = minor.Value;
        }

        // The hold row is locked (PostgreSQL) or the writer holds the file (SQLite), so the status guard cannot miss
        // here; it stays as the rule's last word if either ever changes.
        var resolved = LedgerErrors.HoldResolved(holdId, "resolved");
        if (await QueueAsync(session, LedgerSql.ResolveHold, resolved, ("@status", status), ("@posted", posted), ("@now", now), ("@id", holdId)) is { } error)
        {
            return error;
        }

        var posted1 = Math.Min(posted, hold.Amount1);
        await session.QueueAsync(LedgerSql.ReleaseHold, hold.Debit2 is null ? 2 : 3, resolved,
            ("@d1", hold.Debit1), ("@h1", hold.Amount1), ("@p1", posted1),
            ("@d2", hold.Debit2 ?? -1L), ("@h2", hold.Amount2), ("@p2", posted - posted1),
            ("@c", hold.Credit), ("@held", hold.Amount), ("@posted", posted));
        if (posted1 > 0)
        {
            await QueueTransferAsync(session, hold.Debit1, hold.Credit, posted1, holdId, resolved);
        }

        if (posted - posted1 > 0)
        {
            await QueueTransferAsync(session, hold.Debit2!.Value, hold.Credit, posted - posted1, holdId, resolved);
        }

        return await CompleteAsync(session, hold.OwnerId, idempotencyKey, new LedgerReceipt(kind, holdId, hold.Currency.Name, hold.Currency.ToDisplay(posted), status));
    }

    private ValueTask<Error?> QueueTransferAsync(LedgerSession session, long debit, long credit, long amount, string holdId, Error error) =>
        QueueAsync(session, LedgerSql.InsertHoldTransfer, error,
            ("@debit", debit), ("@credit", credit), ("@amount", amount), ("@hold", holdId), ("@now", Now));

    private static async Task<HoldRow?> LoadHoldAsync(LedgerSession session, string holdId)
    {
        var command = Bind(session.Sql(LedgerSql.SelectHold + session.ForUpdate), [("@id", holdId)]);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new HoldRow(
            reader.GetString(0), Currency.Parse(reader.GetString(1)).Value, reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetString(8), reader.GetInt64(9));
    }

    private sealed record HoldRow(
        string OwnerId, Currency Currency, long Credit, long Debit1, long Amount1, long? Debit2, long Amount2, long Amount, string Status, long ExpiresAt);
}

/// <summary>A hold decided but not placed: who pays, what, from which accounts to which, until when.</summary>
internal sealed record HoldPlan(string OwnerId, Currency Money, decimal Amount, long Minor, long[] Sources, long Payee, long ExpiresAt);
