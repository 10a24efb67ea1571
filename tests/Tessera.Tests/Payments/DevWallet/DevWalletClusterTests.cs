using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Payments;
using Tessera.Payments.DevWallet;
using Tessera.Tests.Support;

namespace Tessera.Tests.Payments;

/// <summary>Every node of a cluster is the same dev wallet: one key, one set of invoices, settlements seen everywhere.</summary>
public sealed class DevWalletClusterTests : IAsyncDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private readonly TwoNodes _nodes = new();

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task Nodes_share_the_key_and_an_invoice_made_on_one_is_paid_on_the_other()
    {
        var a = _nodes.A.Services.GetRequiredService<IInvoiceBackend>();
        var keyA = (await _nodes.A.Services.GetRequiredService<DevNode>().GetKeyAsync(Ct)).PublicKey;
        var keyB = (await _nodes.B.Services.GetRequiredService<DevNode>().GetKeyAsync(Ct)).PublicKey;
        Assert.Equal(keyA, keyB);

        var created = await a.CreateInvoiceAsync(5_000, "cross-node", TimeSpan.FromMinutes(5), Ct);
        var response = await _nodes.B.CreateAdminClient().PostAsJsonAsync("/admin/v1/lightning/pay", new { invoice = created.Bolt11 }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await a.LookupAsync(created.PaymentHash, Ct))!.Settled);
    }

    [Fact]
    public async Task A_settlement_made_on_one_node_reaches_a_watcher_on_the_other()
    {
        var a = _nodes.A.Services.GetRequiredService<IInvoiceBackend>();
        var b = (DevWalletBackend)_nodes.B.Services.GetRequiredService<IInvoiceBackend>();
        var first = await a.CreateInvoiceAsync(1_000, "first", TimeSpan.FromMinutes(5), Ct);
        var second = await a.CreateInvoiceAsync(2_000, "second", TimeSpan.FromMinutes(5), Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await using var watch = a.WatchSettlementsAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        // The watch reports settlements after the moment it starts, which the test cannot see: pay probes until one
        // arrives, and from then on the watch is certainly live.
        var next = watch.MoveNextAsync().AsTask();
        while (!next.IsCompleted)
        {
            var probe = await a.CreateInvoiceAsync(1, "probe", TimeSpan.FromMinutes(5), Ct);
            Assert.True((await b.PayAsync(probe.Bolt11, Ct)).IsSuccess);
            await Task.WhenAny(next, Task.Delay(500, Ct));
        }

        Assert.True(await next);
        var skippedProbes = 0;
        var paidFirst = (await b.PayAsync(first.Bolt11, Ct)).Value;
        var paidSecond = (await b.PayAsync(second.Bolt11, Ct)).Value;

        // Probes paid while the first one was on its way come before the two invoices.
        Assert.True(await watch.MoveNextAsync());
        while (watch.Current.PaymentHash != first.PaymentHash && skippedProbes++ < 10)
        {
            Assert.True(await watch.MoveNextAsync());
        }

        Assert.Equal(first.PaymentHash, watch.Current.PaymentHash);
        Assert.Equal(paidFirst.Preimage, watch.Current.Preimage);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(second.PaymentHash, watch.Current.PaymentHash);
        Assert.Equal(paidSecond.Preimage, watch.Current.Preimage);
    }
}
