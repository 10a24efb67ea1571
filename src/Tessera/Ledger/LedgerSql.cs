namespace Tessera.Ledger;

/// <summary>The ledger's hot-path SQL, shared by SQLite and PostgreSQL (ON CONFLICT, RETURNING, @params).</summary>
internal static class LedgerSql
{
    /// <summary>Available balance of a user account; the same expression guards every debit and the CHECK constraint.</summary>
    public const string Available = "credits_posted - debits_posted - debits_pending";

    public const string ReadAvailable = "SELECT id, " + Available + " FROM ledger_accounts WHERE id = @a OR id = @b ORDER BY id";

    // Conditional debits: the row changes only if the money is there, whatever else runs concurrently.
    public const string DebitPostedGuarded =
        "UPDATE ledger_accounts SET debits_posted = debits_posted + @amount WHERE id = @id AND (system = 1 OR " + Available + " >= @amount)";

    public const string CreditPosted = "UPDATE ledger_accounts SET credits_posted = credits_posted + @amount WHERE id = @id";

    /// <summary>
    /// Places a hold in one statement: the debit legs (@d1, @d2; -1 when absent) gain pending debits only if the money
    /// is there, the payee (@c) gains pending credits. Touches legs + 1 rows or the caller refuses. One statement instead
    /// of three: on SQLite's single writer the statements per operation are the bound (group commit left 32 clients no
    /// faster than 8), and this took the benchmark from ~3,600 to ~3,900 pairs/s.
    /// </summary>
    public const string PlaceHold = """
        UPDATE ledger_accounts SET
            debits_pending = debits_pending + CASE id WHEN @d1 THEN @a1 WHEN @d2 THEN @a2 ELSE 0 END,
            credits_pending = credits_pending + CASE id WHEN @c THEN @amount ELSE 0 END
        WHERE id IN (@d1, @d2, @c)
          AND (system = 1 OR credits_posted - debits_posted - debits_pending >= CASE id WHEN @d1 THEN @a1 WHEN @d2 THEN @a2 ELSE 0 END)
        """;

    /// <summary>Resolves a hold's legs and payee in one statement: @hN leave pending, @pN (≤ @hN) become posted.</summary>
    public const string ReleaseHold = """
        UPDATE ledger_accounts SET
            debits_pending = debits_pending - CASE id WHEN @d1 THEN @h1 WHEN @d2 THEN @h2 ELSE 0 END,
            debits_posted = debits_posted + CASE id WHEN @d1 THEN @p1 WHEN @d2 THEN @p2 ELSE 0 END,
            credits_pending = credits_pending - CASE id WHEN @c THEN @held ELSE 0 END,
            credits_posted = credits_posted + CASE id WHEN @c THEN @posted ELSE 0 END
        WHERE id IN (@d1, @d2, @c)
        """;

    public const string InsertTransfer = """
        INSERT INTO ledger_transfers (debit_account_id, credit_account_id, amount, kind, hold_id, reason, created_at)
        VALUES (@debit, @credit, @amount, @kind, @hold, @reason, @now) RETURNING id
        """;

    public const string InsertHoldTransfer = """
        INSERT INTO ledger_transfers (debit_account_id, credit_account_id, amount, kind, hold_id, created_at)
        VALUES (@debit, @credit, @amount, 'hold_post', @hold, @now)
        """;

    public const string InsertHold = """
        INSERT INTO ledger_holds (id, owner_id, currency, credit_account_id, debit1_account_id, amount1, debit2_account_id, amount2, amount, status, expires_at, created_at)
        VALUES (@id, @owner, @currency, @credit, @debit1, @amount1, @debit2, @amount2, @amount, 'pending', @expires, @now)
        """;

    public const string SelectHold = """
        SELECT owner_id, currency, credit_account_id, debit1_account_id, amount1, debit2_account_id, amount2, amount, status, expires_at
        FROM ledger_holds WHERE id = @id
        """;

    /// <summary>A hold resolves exactly once: only the transaction that moves it out of 'pending' goes on.</summary>
    public const string ResolveHold =
        "UPDATE ledger_holds SET status = @status, posted_amount = @posted, resolved_at = @now WHERE id = @id AND status = 'pending'";

    public const string DueHolds = "SELECT id FROM ledger_holds WHERE status = 'pending' AND expires_at <= @now ORDER BY expires_at LIMIT 500";

    public const string FindOperation =
        "SELECT kind, ref_id, currency, amount, status FROM ledger_operations WHERE owner_id = @owner AND idempotency_key = @key";

    public const string InsertOperation = """
        INSERT INTO ledger_operations (owner_id, idempotency_key, kind, ref_id, currency, amount, status, created_at)
        VALUES (@owner, @key, @kind, @ref, @currency, @amount, @status, @now)
        ON CONFLICT (owner_id, idempotency_key) DO NOTHING
        """;

    /// <summary>PostgreSQL only (0021_ledger_functions.sql): a whole hold as one statement, for the group-commit writer.</summary>
    public const string HoldFunction = "SELECT * FROM ledger_hold($1, $2::text, $3, $4, $5::bigint, $6, $7, $8, $9, $10)";

    /// <summary>PostgreSQL only: a whole post, void or expiry as one statement.</summary>
    public const string ResolveFunction = "SELECT * FROM ledger_resolve($1, $2, $3, $4::bigint, $5::text, $6)";
}
