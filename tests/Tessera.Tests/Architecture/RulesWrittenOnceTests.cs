using System.Reflection;
using System.Text;
using Tessera.Ledger;

namespace Tessera.Tests.Architecture;

/// <summary>
/// Rules that were written in several places, each now in one (issue #12): "available balance" is summed in the Ledger
/// only (<c>LedgerBalances.AvailableOf</c>, <c>LedgerService.AvailableAsync</c>); no other folder reads the available
/// column of a balance row to add it up its own way.
/// </summary>
public sealed class RulesWrittenOnceTests
{
    [Fact]
    public void Only_the_ledger_reads_the_available_column_of_a_balance()
    {
        var getter = typeof(LedgerBalance).GetProperty(nameof(LedgerBalance.Available))!.GetMethod!;
        var found = new StringBuilder();
        foreach (var type in typeof(LedgerService).Assembly.GetTypes().Where(type => type.DeclaringType is null))
        {
            if (FolderGraph.FolderOf(type) == "Ledger")
            {
                continue;
            }

            if (TypeReferences.CallsOf(type).Any(called => called == getter))
            {
                found.AppendLine(type.FullName);
            }
        }

        Assert.True(found.Length == 0, "Available balance summed outside the Ledger:\n" + found);
    }
}
