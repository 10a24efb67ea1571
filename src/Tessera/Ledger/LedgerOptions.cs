namespace Tessera.Ledger;

/// <summary>Ledger settings, section <c>Tessera:Ledger</c>.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Tessera:Ledger";

    /// <summary>On SQLite, batch concurrent operations into one transaction (see <see cref="SqliteGroupCommitWriter"/>).</summary>
    public bool SqliteGroupCommit { get; set; } = true;

    /// <summary>On PostgreSQL, send holds and their resolutions as batched function calls, one commit per batch
    /// (see <see cref="PostgresGroupCommitWriter"/>); off, each runs in its own transaction.</summary>
    public bool PostgresGroupCommit { get; set; } = true;

    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each node looks for accounts due a monthly refresh; zero switches the worker off.</summary>
    public TimeSpan MonthlyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
