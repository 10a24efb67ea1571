using Tessera.Ledger;

namespace Tessera.Tests.Ledger;

/// <summary>
/// Edge cases of the group-commit writers (SQLite's, and PostgreSQL's batched function calls): operations that share
/// a batch succeed or fail alone, replays inside one batch, and the same key racing on two nodes.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly LedgerTestHost _host = new();

    private LedgerService Ledger => _host.Ledger;

    private static CancellationToken Ct => LedgerTestHost.Ct;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Operations_sharing_a_batch_fail_alone_and_the_others_commit()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "pixcoins", 3m, null, null, null, Ct);
        var pending = await Ledger.HoldAsync(owner, "pixcoins", 1m, TimeSpan.FromMinutes(10), null, cancellationToken: Ct);

        // Submitted together so they share batches: 4 holds for 2 remaining coins, a post of a hold that does not
        // exist, a post of more than held, and a good post.
        var holds = Enumerable.Range(0, 4).Select(i => Ledger.HoldAsync(owner, "pixcoins", 1m, TimeSpan.FromMinutes(10), "h" + i, cancellationToken: Ct)).ToArray();
        var missing = Ledger.PostAsync("hold_missing", null, "p-missing", Ct);
        var tooMuch = Ledger.PostAsync(pending.Value.Id, 2m, "p-too-much", Ct);
        await Task.WhenAll(holds);
        Assert.Equal("not_found", (await missing).Error?.Code);
        Assert.Equal("validation_error", (await tooMuch).Error?.Code);
        Assert.Equal(2, holds.Count(h => h.Result.IsSuccess));
        Assert.All(holds.Where(h => !h.Result.IsSuccess), h => Assert.Equal("insufficient_credits", h.Result.Error!.Code));

        var post = await Ledger.PostAsync(pending.Value.Id, 0.25m, "p-ok", Ct);
        Assert.True(post.IsSuccess);
        Assert.Equal(new LedgerBalance("pixcoins", null, 2.75m, 2m, 0.75m), await _host.BalanceAsync(owner, "pixcoins"));

        // A refused operation leaves its key unused: the same key succeeds once money is there.
        var refusedKey = "h" + Array.FindIndex(holds, h => !h.Result.IsSuccess);
        await Ledger.GrantAsync(owner, "pixcoins", 1m, null, null, null, Ct);
        var retried = await Ledger.HoldAsync(owner, "pixcoins", 1m, TimeSpan.FromMinutes(10), refusedKey, cancellationToken: Ct);
        Assert.True(retried.IsSuccess);
        Assert.False(retried.Value.Replayed);
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Replays_inside_one_batch_return_the_first_result_and_move_money_once()
    {
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "credits", 2m, "monthly", null, null, Ct);
        await Ledger.GrantAsync(owner, "credits", 10m, "purchased", null, null, Ct);

        var holds = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Ledger.HoldAsync(owner, "credits", 3m, TimeSpan.FromMinutes(10), "same-hold", cancellationToken: Ct)));
        Assert.All(holds, h => Assert.True(h.IsSuccess));
        Assert.Single(holds.Select(h => h.Value.Id).Distinct());
        Assert.Single(holds, h => !h.Value.Replayed);

        var posts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Ledger.PostAsync(holds[0].Value.Id, 2.5m, "same-post", Ct)));
        Assert.All(posts, p => Assert.Equal(new LedgerReceipt("post", holds[0].Value.Id, "credits", 2.5m, "posted"), p.Value with { Replayed = false }));
        Assert.Single(posts, p => !p.Value.Replayed);

        // Monthly first: 2 from monthly, 0.5 from purchased posted; the other 0.5 returned.
        Assert.Equal(new LedgerBalance("credits", "monthly", 0m, 0m, 0m), await _host.BalanceAsync(owner, "credits", "monthly"));
        Assert.Equal(new LedgerBalance("credits", "purchased", 9.5m, 0m, 9.5m), await _host.BalanceAsync(owner, "credits", "purchased"));

        // The key of a hold reused for a post is refused, and moves nothing.
        var second = await Ledger.HoldAsync(owner, "credits", 1m, TimeSpan.FromMinutes(10), "other-hold", cancellationToken: Ct);
        Assert.Equal("idempotency_key_reused", (await Ledger.PostAsync(second.Value.Id, null, "same-hold", Ct)).Error?.Code);
        Assert.Equal(1m, (await _host.BalanceAsync(owner, "credits", "purchased")).Held);
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task The_same_key_racing_on_two_nodes_moves_money_once()
    {
        await using var other = _host.NewNode();
        var owner = LedgerTestHost.NewOwner();
        await Ledger.GrantAsync(owner, "pixcoins", 100m, null, null, null, Ct);

        for (var i = 0; i < 10; i++)
        {
            var holds = await Task.WhenAll(
                Task.Run(() => Ledger.HoldAsync(owner, "pixcoins", 2m, TimeSpan.FromMinutes(10), "race-hold-" + i, cancellationToken: Ct), Ct),
                Task.Run(() => other.HoldAsync(owner, "pixcoins", 2m, TimeSpan.FromMinutes(10), "race-hold-" + i, cancellationToken: Ct), Ct));
            Assert.All(holds, h => Assert.True(h.IsSuccess));
            Assert.Equal(holds[0].Value.Id, holds[1].Value.Id);
            Assert.Single(holds, h => !h.Value.Replayed);

            var posts = await Task.WhenAll(
                Task.Run(() => Ledger.PostAsync(holds[0].Value.Id, 1m, "race-post-" + i, Ct), Ct),
                Task.Run(() => other.PostAsync(holds[0].Value.Id, 1m, "race-post-" + i, Ct), Ct));
            Assert.All(posts, p => Assert.True(p.IsSuccess));
            Assert.Single(posts, p => !p.Value.Replayed);
        }

        Assert.Equal(new LedgerBalance("pixcoins", null, 90m, 0m, 90m), await _host.BalanceAsync(owner, "pixcoins"));
        await _host.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Holds_resolved_on_the_other_node_race_without_deadlocks()
    {
        // 16 payers on two nodes share the revenue shards; each hold is posted on the node that did not place it, so
        // half the resolutions name a hold the writer has to look up. Batches on both nodes lock in one key order, so
        // none deadlocks (a deadlock would roll a batch back and show as a fallback, after a one-second stall).
        await using var other = _host.NewNode();
        LedgerService[] nodes = [Ledger, other];
        var owners = Enumerable.Range(0, 16).Select(_ => LedgerTestHost.NewOwner()).ToArray();
        foreach (var owner in owners)
        {
            await Ledger.GrantAsync(owner, "credits", 10m, "monthly", null, null, Ct);
            await Ledger.GrantAsync(owner, "credits", 100m, "purchased", null, null, Ct);
        }

        await Task.WhenAll(owners.Select((owner, i) => Task.Run(async () =>
        {
            for (var n = 0; n < 40; n++)
            {
                var hold = await nodes[(i + n) % 2].HoldAsync(owner, "credits", 1m, TimeSpan.FromMinutes(10), "h" + n, cancellationToken: Ct);
                Assert.True(hold.IsSuccess, hold.Error?.Code);
                var post = await nodes[(i + n + 1) % 2].PostAsync(hold.Value.Id, 0.75m, "p" + n, Ct);
                Assert.True(post.IsSuccess, post.Error?.Code);
            }
        }, Ct)));

        // 40 × 0.75 = 30 spent: the 10 monthly first, then 20 purchased.
        foreach (var owner in owners)
        {
            Assert.Equal(new LedgerBalance("credits", "monthly", 0m, 0m, 0m), await _host.BalanceAsync(owner, "credits", "monthly"));
            Assert.Equal(new LedgerBalance("credits", "purchased", 80m, 0m, 80m), await _host.BalanceAsync(owner, "credits", "purchased"));
        }

        Assert.Equal(0, Ledger.GroupCommitFallbacks + other.GroupCommitFallbacks);
        await _host.AssertAuditOkAsync();
    }
}
