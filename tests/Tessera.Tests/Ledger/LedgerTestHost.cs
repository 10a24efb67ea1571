using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tessera.Ledger;
using Tessera.Storage;
using Tessera.Tests.Support;

namespace Tessera.Tests.Ledger;

/// <summary>A Tessera host on its own database, with a fake clock, and its <see cref="LedgerService"/>.</summary>
public sealed class LedgerTestHost : IAsyncDisposable
{
    private readonly TesseraFactory _factory;

    public LedgerTestHost(bool sqliteGroupCommit = true, bool postgresGroupCommit = true)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        // The workers wait on the fake clock too; the long refresh interval keeps the monthly worker from racing
        // the tests that call the refresh themselves when they move the clock by days.
        _factory = new TesseraFactory()
            .With("Tessera:Ledger:MonthlyRefreshInterval", "00:00:00") // the tests call the refresh themselves
            .With("Tessera:Ledger:SqliteGroupCommit", sqliteGroupCommit ? "true" : "false")
            .With("Tessera:Ledger:PostgresGroupCommit", postgresGroupCommit ? "true" : "false")
            .WithServices(services => services.AddSingleton<TimeProvider>(Time));
        Ledger = _factory.Services.GetRequiredService<LedgerService>();
    }

    public FakeTimeProvider Time { get; }

    /// <summary>A second ledger on the same database, with its own writer and connections: another node.</summary>
    public LedgerService NewNode() => new(
        _factory.Services.GetRequiredService<TesseraDatabase>(), Time, _factory.Services.GetRequiredService<IOptions<LedgerOptions>>());

    public LedgerService Ledger { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewOwner() => "acc_" + Guid.NewGuid().ToString("N")[..12];

    public async Task<LedgerBalance> BalanceAsync(string owner, string currency, string? pool = null) =>
        (await Ledger.BalancesAsync(owner, Ct)).Single(balance => balance.Currency == currency && balance.Pool == pool);

    public async Task AssertAuditOkAsync()
    {
        var audit = await Ledger.AuditAsync(Ct);
        Assert.True(audit.Ok, System.Text.Json.JsonSerializer.Serialize(audit));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
