namespace Tessera.Ledger;

/// <summary>Ledger settings, section <c>Tessera:Ledger</c>.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Tessera:Ledger";

    /// <summary>On SQLite, batch concurrent operations into one transaction (see <see cref="SqliteGroupCommitWriter"/>).</summary>
    public bool SqliteGroupCommit { get; set; } = true;

    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MonthlyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
