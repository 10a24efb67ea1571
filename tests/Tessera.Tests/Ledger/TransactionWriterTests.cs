using Tessera.Ledger;

namespace Tessera.Tests.Ledger;

/// <summary>The same rules with group commit switched off on both providers: a transaction per operation.</summary>
public sealed class TransactionWriterTests : IAsyncLifetime
{
    private readonly LedgerTestHost _host = new(sqliteGroupCommit: false, postgresGroupCommit: false);

    private static CancellationToken Ct => LedgerTestHost.Ct;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Racing_clients_never_overdraw_and_replays_move_money_once()
    {
        var ledger = _host.Ledger;
        var owner = LedgerTestHost.NewOwner();
        await ledger.GrantAsync(owner, "pixcoins", 10m, null, null, null, Ct);

        var spends = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => ledger.HoldAsync(owner, "pixcoins", 1m, null, "spend-" + (i % 12), cancellationToken: Ct), Ct)));
        Assert.All(spends.Where(s => !s.IsSuccess), s => Assert.Equal("insufficient_credits", s.Error!.Code));
        Assert.True(spends.Where(s => s.IsSuccess).Select(s => s.Value.Id).Distinct().Count() <= 10);

        var posts = await Task.WhenAll(spends.Where(s => s.IsSuccess).Select(s => s.Value.Id).Distinct()
            .Select(id => Task.Run(() => ledger.PostAsync(id, null, "post-" + id, Ct), Ct)));
        Assert.All(posts, p => Assert.True(p.IsSuccess));
        Assert.True((await _host.BalanceAsync(owner, "pixcoins")).Available >= 0);
        await _host.AssertAuditOkAsync();
    }
}
