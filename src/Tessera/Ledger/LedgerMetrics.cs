using System.Diagnostics.Metrics;

namespace Tessera.Ledger;

/// <summary>The Ledger module's counters on <c>/metrics</c>.</summary>
internal static class LedgerMetrics
{
    private static readonly Meter Meter = new("Tessera.Ledger");

    /// <summary>A PostgreSQL group-commit batch that raised (a deadlock with a transaction outside the writer, a bug)
    /// and whose operations were run again one by one. Steadily above zero means the lock order is being broken.</summary>
    public static readonly Counter<long> BatchFallbacks = Meter.CreateCounter<long>(
        "tessera.ledger.batch_fallbacks", description: "PostgreSQL ledger batches rolled back and run again one operation at a time");
}
