using Tessera.Ledger;

namespace Tessera.Tests.Ledger;

public sealed class MonthlyRefreshTests : IAsyncLifetime
{
    private readonly LedgerTestHost _host = new();

    private static CancellationToken Ct => LedgerTestHost.Ct;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("2026-03-10", 15, "2026-02")]
    [InlineData("2026-03-15", 15, "2026-03")]
    [InlineData("2026-01-03", 5, "2025-12")]
    [InlineData("2026-01-31", 28, "2026-01")]
    public void The_period_is_the_month_of_the_latest_billing_date(string date, int billingDay, string period) =>
        Assert.Equal(period, LedgerService.PeriodAt(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), billingDay));

    [Fact]
    public async Task Refresh_returns_leftover_monthly_credits_and_grants_the_allowance_once_per_period()
    {
        var ledger = _host.Ledger;
        var owner = LedgerTestHost.NewOwner();
        Assert.Equal("validation_error", (await ledger.SetMonthlyPlanAsync(owner, 100m, 29, Ct)).Error?.Code);
        Assert.True((await ledger.SetMonthlyPlanAsync(owner, 100m, 15, Ct)).IsSuccess);

        var first = await ledger.RefreshMonthlyAsync(Ct);
        Assert.Contains(first, refresh => refresh.OwnerId == owner && refresh.Granted == 100m && refresh.Period == "2026-02");
        Assert.DoesNotContain(await ledger.RefreshMonthlyAsync(Ct), refresh => refresh.OwnerId == owner);
        Assert.Equal(100m, (await _host.BalanceAsync(owner, "credits", "monthly")).Available);

        // Spend 30, hold 20: 50 are left over at the billing date; the held 20 stay held.
        await ledger.TransferAsync(owner, SystemOwners.Revenue, "credits", 30m, null, null, Ct);
        var hold = (await ledger.HoldAsync(owner, "credits", 20m, TimeSpan.FromDays(30), null, cancellationToken: Ct)).Value;

        _host.Time.Advance(TimeSpan.FromDays(4)); // 14 March: not yet
        Assert.DoesNotContain(await ledger.RefreshMonthlyAsync(Ct), refresh => refresh.OwnerId == owner);
        _host.Time.Advance(TimeSpan.FromDays(1)); // 15 March
        var refreshes = await Task.WhenAll(ledger.RefreshMonthlyAsync(Ct), ledger.RefreshMonthlyAsync(Ct));
        var done = Assert.Single(refreshes.SelectMany(r => r), refresh => refresh.OwnerId == owner);
        Assert.Equal(("2026-03", 50m, 100m), (done.Period, done.Expired, done.Granted));
        Assert.Equal(new LedgerBalance("credits", "monthly", 120m, 20m, 100m), await _host.BalanceAsync(owner, "credits", "monthly"));

        await ledger.PostAsync(hold.Id, null, null, Ct);
        Assert.Equal(new LedgerBalance("credits", "monthly", 100m, 0m, 100m), await _host.BalanceAsync(owner, "credits", "monthly"));
        await _host.AssertAuditOkAsync();
    }
}
