using Tessera.Ledger;

namespace Tessera.Tests.Ledger;

/// <summary>Randomised operation sequences (fixed seeds) and racing clients, checked by the audit.</summary>
public sealed class LedgerInvariantTests : IAsyncLifetime
{
    private static readonly string[] Currencies = ["credits", "pixcoins", "sats"];

    private readonly LedgerTestHost _host = new();

    private static CancellationToken Ct => LedgerTestHost.Ct;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20260310)]
    public async Task Random_operation_sequences_keep_every_invariant(int seed)
    {
        var random = new Random(seed);
        var ledger = _host.Ledger;
        var owners = Enumerable.Range(0, 4).Select(_ => LedgerTestHost.NewOwner()).ToArray();
        var holds = new List<string>();
        for (var batch = 0; batch < 6; batch++)
        {
            var operations = Enumerable.Range(0, 25).Select(_ => NextOperation(random, ledger, owners, holds)).ToList();
            foreach (var operation in operations)
            {
                var result = await operation();
                if (result is { IsSuccess: true, Value: { Kind: "hold", Replayed: false } receipt })
                {
                    holds.Add(receipt.Id);
                }
                else if (!result.IsSuccess)
                {
                    Assert.Contains(result.Error.Code, new[] { "insufficient_credits", "hold_already_resolved", "hold_expired", "validation_error", "idempotency_key_reused" });
                }
            }

            _host.Time.Advance(TimeSpan.FromSeconds(random.Next(0, 40)));
            await ledger.ExpireDueAsync(Ct);
            await _host.AssertAuditOkAsync();
            foreach (var owner in owners)
            {
                Assert.All(await ledger.BalancesAsync(owner, Ct), balance => Assert.True(balance.Available >= 0));
            }
        }
    }

    private static Func<Task<Tessera.Common.Result<LedgerReceipt>>> NextOperation(Random random, LedgerService ledger, string[] owners, List<string> holds)
    {
        var owner = owners[random.Next(owners.Length)];
        var currency = Currencies[random.Next(Currencies.Length)];
        var amount = random.Next(1, 5000) / 1000m;
        var key = random.Next(4) == 0 ? "k" + random.Next(30) : null;
        var hold = holds.Count > 0 ? holds[random.Next(holds.Count)] : null;
        var pool = currency == "credits" ? (random.Next(2) == 0 ? "monthly" : "purchased") : null;
        var timeout = TimeSpan.FromSeconds(random.Next(5, 60));
        return random.Next(7) switch
        {
            0 or 1 => () => ledger.GrantAsync(owner, currency, amount * 2, pool, key, null, Ct),
            2 => () => ledger.HoldAsync(owner, currency, amount, timeout, key, cancellationToken: Ct),
            3 when hold is not null => () => ledger.PostAsync(hold, random.Next(2) == 0 ? null : amount / 4, key, Ct),
            4 when hold is not null => () => ledger.VoidAsync(hold, key, Ct),
            5 => () => ledger.TransferAsync(owner, owners[random.Next(owners.Length)] is var to && to != owner ? to : SystemOwners.Revenue, currency, amount, key, null, Ct),
            _ => () => ledger.HoldAsync(owner, currency, amount, timeout, null, cancellationToken: Ct),
        };
    }

    [Fact]
    public async Task Sixteen_racing_clients_never_overdraw_one_account()
    {
        var ledger = _host.Ledger;
        var owner = LedgerTestHost.NewOwner();
        await ledger.GrantAsync(owner, "credits", 30m, "monthly", null, null, Ct);
        await ledger.GrantAsync(owner, "credits", 20m, "purchased", null, null, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            var outcomes = new List<Tessera.Common.Result<LedgerReceipt>>();
            for (var i = 0; i < 10; i++)
            {
                outcomes.Add(i % 2 == 0
                    ? await ledger.TransferAsync(owner, SystemOwners.Revenue, "credits", 0.5m, null, null, Ct)
                    : await ledger.HoldAsync(owner, "credits", 0.5m, null, null, cancellationToken: Ct));
            }

            return outcomes;
        }, Ct)));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(100, all.Count(r => r.IsSuccess)); // 50 credits / 0.5
        Assert.All(all.Where(r => !r.IsSuccess), r => Assert.Equal("insufficient_credits", r.Error!.Code));
        Assert.All(await ledger.BalancesAsync(owner, Ct), balance => Assert.Equal(0m, balance.Available));
        await _host.AssertAuditOkAsync();
    }
}
