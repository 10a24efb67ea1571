using Tessera.Ledger;

namespace Tessera.Tests.Ledger;

public sealed class LedgerOperationTests : IAsyncLifetime
{
    private readonly LedgerTestHost _host = new();

    private LedgerService Ledger => _host.Ledger;

    private static CancellationToken Ct => LedgerTestHost.Ct;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Grant_shows_in_balances_for_every_currency_and_pool()
    {
        var owner = LedgerTestHost.NewOwner();
        Assert.True((await Ledger.GrantAsync(owner, "credits", 12.5m, "purchased", null, "welcome", Ct)).IsSuccess);
        Assert.True((await Ledger.GrantAsync(owner, "sats", 2500m, null, null, null, Ct)).IsSuccess);

        var balances = await Ledger.BalancesAsync(owner, Ct);
        Assert.Equal(5, balances.Count);
        Assert.Equal(new LedgerBalance("credits", "purchased", 12.5m, 0, 12.5m), balances.Single(b => b.Pool == "purchased"));
        Assert.Equal(new LedgerBalance("credits", "monthly", 0, 0, 0), balances.Single(b => b.Pool == "monthly"));
        Assert.Equal(2500m, balances.Single(b => b.Currency == "sats").Available);
        Assert.Null(balances.Single(b => b.Currency == "pixcoins").Pool);
        await _host.AssertAuditOkAsync();
    }

    [Theory]
    [InlineData("dollars", null)]
    [InlineData("credits", null)]
    [InlineData("credits", "bonus")]
    [InlineData("pixcoins", "monthly")]
    public async Task Unknown_currency_or_pool_is_a_validation_error(string currency, string? pool)
    {
        var result = await Ledger.GrantAsync(LedgerTestHost.NewOwner(), currency, 1m, pool, null, null, Ct);
        Assert.Equal("validation_error", result.Error?.Code);
    }

    [Fact]
    public async Task Amounts_finer_than_a_thousandth_are_refused()
    {
        var result = await Ledger.GrantAsync(LedgerTestHost.NewOwner(), "pixcoins", 0.0005m, null, null, null, Ct);
        Assert.Equal("validation_error", result.Error?.Code);
    }

    [Fact]
    public async Task Holds_spend_the_monthly_pool_before_purchased()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "credits", 3m, "monthly", null, null, Ct);
        await Ledger.GrantAsync(owner, "credits", 10m, "purchased", null, null, Ct);

        var hold = await Ledger.HoldAsync(owner, "credits", 5m, TimeSpan.FromMinutes(10), null, cancellationToken: Ct);
        Assert.True(hold.IsSuccess);
        Assert.Equal(new LedgerBalance("credits", "monthly", 3m, 3m, 0m), await _host.BalanceAsync(owner, "credits", "monthly"));
        Assert.Equal(new LedgerBalance("credits", "purchased", 10m, 2m, 8m), await _host.BalanceAsync(owner, "credits", "purchased"));
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Partial_post_consumes_monthly_first_and_returns_the_rest()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "credits", 3m, "monthly", null, null, Ct);
        await Ledger.GrantAsync(owner, "credits", 10m, "purchased", null, null, Ct);
        var hold = (await Ledger.HoldAsync(owner, "credits", 5m, null, null, cancellationToken: Ct)).Value;

        var post = await Ledger.PostAsync(hold.Id, 4m, null, Ct);
        Assert.Equal(new LedgerReceipt("post", hold.Id, "credits", 4m, "posted"), post.Value);
        Assert.Equal(new LedgerBalance("credits", "monthly", 0m, 0m, 0m), await _host.BalanceAsync(owner, "credits", "monthly"));
        Assert.Equal(new LedgerBalance("credits", "purchased", 9m, 0m, 9m), await _host.BalanceAsync(owner, "credits", "purchased"));
        Assert.Equal(4m, (await _host.BalanceAsync(SystemOwners.Revenue, "credits")).Posted);
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Posting_more_than_held_is_refused()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "pixcoins", 10m, null, null, null, Ct);
        var hold = (await Ledger.HoldAsync(owner, "pixcoins", 2m, null, null, cancellationToken: Ct)).Value;
        Assert.Equal("validation_error", (await Ledger.PostAsync(hold.Id, 2.001m, null, Ct)).Error?.Code);
        Assert.True((await Ledger.PostAsync(hold.Id, null, null, Ct)).IsSuccess);
        Assert.Equal(8m, (await _host.BalanceAsync(owner, "pixcoins")).Available);
    }

    [Fact]
    public async Task Void_returns_everything_held()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "pixcoins", 10m, null, null, null, Ct);
        var hold = (await Ledger.HoldAsync(owner, "pixcoins", 7m, null, null, cancellationToken: Ct)).Value;
        Assert.Equal(3m, (await _host.BalanceAsync(owner, "pixcoins")).Available);

        var voided = await Ledger.VoidAsync(hold.Id, null, Ct);
        Assert.Equal("voided", voided.Value.Status);
        Assert.Equal(new LedgerBalance("pixcoins", null, 10m, 0m, 10m), await _host.BalanceAsync(owner, "pixcoins"));
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_hold_expires_after_its_timeout_and_then_refuses_post_and_void()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "credits", 5m, "purchased", null, null, Ct);
        var hold = (await Ledger.HoldAsync(owner, "credits", 5m, TimeSpan.FromSeconds(30), null, cancellationToken: Ct)).Value;

        _host.Time.Advance(TimeSpan.FromSeconds(29));
        await Ledger.ExpireDueAsync(Ct);
        Assert.Equal(0m, (await _host.BalanceAsync(owner, "credits", "purchased")).Available);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("hold_expired", (await Ledger.PostAsync(hold.Id, null, null, Ct)).Error?.Code);
        await Ledger.ExpireDueAsync(Ct);
        Assert.Equal(new LedgerBalance("credits", "purchased", 5m, 0m, 5m), await _host.BalanceAsync(owner, "credits", "purchased"));
        Assert.Equal("hold_expired", (await Ledger.PostAsync(hold.Id, null, null, Ct)).Error?.Code);
        Assert.Equal("hold_expired", (await Ledger.VoidAsync(hold.Id, null, Ct)).Error?.Code);
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_hold_resolves_once_even_when_post_and_void_race()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "pixcoins", 100m, null, null, null, Ct);
        for (var i = 0; i < 10; i++)
        {
            var hold = (await Ledger.HoldAsync(owner, "pixcoins", 1m, null, null, cancellationToken: Ct)).Value;
            var attempts = await Task.WhenAll(
                Task.Run(() => Ledger.PostAsync(hold.Id, null, null, Ct), Ct),
                Task.Run(() => Ledger.VoidAsync(hold.Id, null, Ct), Ct),
                Task.Run(() => Ledger.PostAsync(hold.Id, 0.5m, null, Ct), Ct));
            Assert.Single(attempts, attempt => attempt.IsSuccess);
            Assert.All(attempts.Where(a => !a.IsSuccess), a => Assert.Equal("hold_already_resolved", a.Error!.Code));
        }

        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_replayed_idempotency_key_returns_the_first_result_and_moves_nothing()
    {
        var owner = LedgerTestHost.NewOwner();
        var first = await Ledger.GrantAsync(owner, "credits", 5m, "purchased", "grant-1", null, Ct);
        var again = await Ledger.GrantAsync(owner, "credits", 5m, "purchased", "grant-1", null, Ct);
        Assert.Equal(first.Value with { Replayed = true }, again.Value);
        Assert.Equal(5m, (await _host.BalanceAsync(owner, "credits", "purchased")).Posted);

        var hold = (await Ledger.HoldAsync(owner, "credits", 2m, null, "hold-1", cancellationToken: Ct)).Value;
        var holdAgain = (await Ledger.HoldAsync(owner, "credits", 2m, null, "hold-1", cancellationToken: Ct)).Value;
        Assert.Equal(hold.Id, holdAgain.Id);
        Assert.Equal(3m, (await _host.BalanceAsync(owner, "credits", "purchased")).Available);

        var post = await Ledger.PostAsync(hold.Id, 1m, "post-1", Ct);
        var postAgain = await Ledger.PostAsync(hold.Id, 1m, "post-1", Ct);
        Assert.True(postAgain.Value.Replayed);
        Assert.Equal(post.Value.Amount, postAgain.Value.Amount);
        Assert.Equal(new LedgerBalance("credits", "purchased", 4m, 0m, 4m), await _host.BalanceAsync(owner, "credits", "purchased"));

        // Keys are scoped by owner: the same key for someone else is a new operation.
        var other = LedgerTestHost.NewOwner();
        Assert.False((await Ledger.GrantAsync(other, "credits", 1m, "purchased", "grant-1", null, Ct)).Value.Replayed);
        Assert.Equal("idempotency_key_reused", (await Ledger.HoldAsync(owner, "credits", 1m, null, "grant-1", cancellationToken: Ct)).Error?.Code);
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Concurrent_replays_of_one_key_move_money_once()
    {
        var owner = LedgerTestHost.NewOwner();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Ledger.GrantAsync(owner, "pixcoins", 3m, null, "same", null, Ct), Ct)));
        Assert.Single(results, result => !result.Value.Replayed);
        Assert.Single(results.Select(result => result.Value.Id).Distinct());
        Assert.Equal(3m, (await _host.BalanceAsync(owner, "pixcoins")).Posted);
    }

    [Fact]
    public async Task Debits_beyond_the_available_balance_are_refused_with_402()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "credits", 1m, "monthly", null, null, Ct);
        await Ledger.GrantAsync(owner, "credits", 1m, "purchased", null, null, Ct);

        var hold = await Ledger.HoldAsync(owner, "credits", 2.001m, null, null, cancellationToken: Ct);
        Assert.Equal(("insufficient_credits", 402), (hold.Error!.Code, hold.Error.Status));
        var transfer = await Ledger.TransferAsync(owner, LedgerTestHost.NewOwner(), "credits", 3m, null, null, Ct);
        Assert.Equal("insufficient_credits", transfer.Error?.Code);
        Assert.True((await Ledger.TransferAsync(owner, SystemOwners.Revenue, "credits", 2m, null, null, Ct)).IsSuccess);
        Assert.Equal(0m, (await _host.BalanceAsync(owner, "credits", "purchased")).Available);
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Transfers_between_users_land_in_the_purchased_pool()
    {
        var (from, to) = (LedgerTestHost.NewOwner(), LedgerTestHost.NewOwner());
        await Ledger.GrantAsync(from, "credits", 2m, "monthly", null, null, Ct);
        await Ledger.GrantAsync(from, "credits", 2m, "purchased", null, null, Ct);
        Assert.True((await Ledger.TransferAsync(from, to, "credits", 3m, null, null, Ct)).IsSuccess);
        Assert.Equal(0m, (await _host.BalanceAsync(from, "credits", "monthly")).Posted);
        Assert.Equal(1m, (await _host.BalanceAsync(from, "credits", "purchased")).Posted);
        Assert.Equal(3m, (await _host.BalanceAsync(to, "credits", "purchased")).Posted);
        await _host.AssertAuditOkAsync();
    }
}
