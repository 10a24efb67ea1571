using System.Security.Cryptography;
using Tessera.Payments;
using Tessera.Payments.Nwc;

namespace Tessera.Tests.Payments.Nwc;

public sealed class NwcInvoiceBackendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoice_is_created_end_to_end_through_the_relay()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var before = DateTimeOffset.UtcNow;

        var invoice = await nwc.Backend.CreateInvoiceAsync(21_000, "placement 4x4 at 10,10", TimeSpan.FromMinutes(15), Ct);

        Assert.Equal("nwc", nwc.Backend.Name);
        Assert.Equal($"lnbcrt21000p1fake{invoice.PaymentHash}", invoice.Bolt11);
        Assert.Matches("^[0-9a-f]{64}$", invoice.PaymentHash);
        Assert.InRange(invoice.ExpiresAt, before.AddMinutes(15).AddSeconds(-2), DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(2));
        Assert.Equal(1, nwc.Wallet.RequestsSeen);
    }

    [Fact]
    public async Task Lookup_reports_unsettled_then_settled_with_a_preimage_that_hashes_to_the_payment_hash()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var invoice = await nwc.Backend.CreateInvoiceAsync(5_000, "lookup", TimeSpan.FromMinutes(5), Ct);

        var pending = await nwc.Backend.LookupAsync(invoice.PaymentHash, Ct);
        Assert.NotNull(pending);
        Assert.False(pending.Settled);
        Assert.Null(pending.Preimage);
        Assert.Equal(5_000, pending.AmountMsat);

        await nwc.Wallet.SettleAsync(invoice.PaymentHash);
        var settled = await nwc.Backend.LookupAsync(invoice.PaymentHash, Ct);
        Assert.NotNull(settled);
        Assert.True(settled.Settled);
        Assert.NotNull(settled.SettledAt);
        Assert.Equal(invoice.PaymentHash, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(settled.Preimage!))));
    }

    [Fact]
    public async Task Lookup_of_a_hash_the_wallet_does_not_know_is_null()
    {
        await using var nwc = await NwcHarness.StartAsync();
        Assert.Null(await nwc.Backend.LookupAsync(new string('a', 64), Ct));
    }

    [Fact]
    public async Task Payment_received_notification_reaches_the_settlement_watcher()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var invoice = await nwc.Backend.CreateInvoiceAsync(1_000, "watch", TimeSpan.FromMinutes(5), Ct);
        await using var watch = nwc.Backend.WatchSettlementsAsync(Ct).GetAsyncEnumerator(Ct);
        var next = watch.MoveNextAsync().AsTask();

        await nwc.Wallet.SettleAsync(invoice.PaymentHash);

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(invoice.PaymentHash, watch.Current.PaymentHash);
        Assert.Equal(invoice.PaymentHash, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(watch.Current.Preimage!))));
    }

    [Fact]
    public async Task A_settled_lookup_also_reaches_the_watcher()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var invoice = await nwc.Backend.CreateInvoiceAsync(1_000, "lookup feeds watch", TimeSpan.FromMinutes(5), Ct);
        await nwc.Wallet.SettleAsync(invoice.PaymentHash);
        await using var watch = nwc.Backend.WatchSettlementsAsync(Ct).GetAsyncEnumerator(Ct);
        var next = watch.MoveNextAsync().AsTask();

        await nwc.Backend.LookupAsync(invoice.PaymentHash, Ct);

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(invoice.PaymentHash, watch.Current.PaymentHash);
    }

    [Fact]
    public async Task A_forged_event_from_the_relay_is_ignored()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var invoice = await nwc.Backend.CreateInvoiceAsync(1_000, "real", TimeSpan.FromMinutes(5), Ct);
        await using var watch = nwc.Backend.WatchSettlementsAsync(Ct).GetAsyncEnumerator(Ct);
        var next = watch.MoveNextAsync().AsTask();
        await nwc.WaitForConnectsAsync(1);

        // A correctly encrypted payment_received for a hash we chose, but with a broken signature.
        var preimage = RandomNumberGenerator.GetBytes(32);
        var forgedHash = Convert.ToHexStringLower(SHA256.HashData(preimage));
        await nwc.RelayServer.InjectAsync(nwc.Wallet.ForgedNotification(nwc.Client.ClientPublicKeyHex, forgedHash, Convert.ToHexStringLower(preimage)));
        await Task.Delay(300, Ct);
        Assert.False(next.IsCompleted);

        await nwc.Wallet.SettleAsync(invoice.PaymentHash);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(invoice.PaymentHash, watch.Current.PaymentHash);
    }

    [Fact]
    public async Task Malformed_relay_messages_are_ignored_and_the_connection_keeps_working()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var invoice = await nwc.Backend.CreateInvoiceAsync(1_000, "garbage", TimeSpan.FromMinutes(5), Ct);
        await using var watch = nwc.Backend.WatchSettlementsAsync(Ct).GetAsyncEnumerator(Ct);
        var next = watch.MoveNextAsync().AsTask();
        await nwc.WaitForConnectsAsync(1);

        foreach (var garbage in new Func<string, string>[]
        {
            _ => "not json",
            _ => "{\"an\":\"object\"}",
            _ => "[\"OK\", 5, \"yes\"]",
            sub => $"[\"EVENT\", \"{sub}\", 42]",
            sub => $"[\"EVENT\", \"{sub}\", {{\"id\": 1}}]",
            _ => "[\"NOTICE\", \"hello\"]",
        })
        {
            await nwc.RelayServer.SendRawAsync(garbage);
        }

        await nwc.Wallet.SettleAsync(invoice.PaymentHash);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(invoice.PaymentHash, watch.Current.PaymentHash);
        Assert.Equal(1, nwc.Client.Relays[0].Connects);
    }

    [Fact]
    public async Task After_a_relay_restart_the_client_reconnects_and_still_gets_the_notification()
    {
        await using var nwc = await NwcHarness.StartAsync();
        var invoice = await nwc.Backend.CreateInvoiceAsync(2_000, "restart", TimeSpan.FromMinutes(5), Ct);
        await using var watch = nwc.Backend.WatchSettlementsAsync(Ct).GetAsyncEnumerator(Ct);
        var next = watch.MoveNextAsync().AsTask();
        await nwc.WaitForConnectsAsync(1);

        await nwc.RelayServer.RestartAsync();
        await nwc.WaitForConnectsAsync(2);
        await nwc.Wallet.SettleAsync(invoice.PaymentHash);

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(invoice.PaymentHash, watch.Current.PaymentHash);
        // Requests work again too.
        Assert.True((await nwc.Backend.LookupAsync(invoice.PaymentHash, Ct))!.Settled);
    }

    [Theory]
    [InlineData("RATE_LIMITED")]
    [InlineData("INTERNAL")]
    public async Task A_wallet_error_surfaces_as_an_exception_with_the_nwc_code(string code)
    {
        await using var nwc = await NwcHarness.StartAsync();
        nwc.Wallet.FailWith = code;

        var error = await Assert.ThrowsAsync<NwcException>(() => nwc.Backend.CreateInvoiceAsync(1_000, "x", TimeSpan.FromMinutes(1), Ct));

        Assert.Equal(code, error.Code);
        Assert.Contains($"fake wallet says {code}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_that_does_not_answer_times_out_with_a_clear_error()
    {
        await using var nwc = await NwcHarness.StartAsync(requestTimeout: TimeSpan.FromMilliseconds(700));
        nwc.Wallet.Silent = true;

        var error = await Assert.ThrowsAsync<NwcException>(() => nwc.Backend.CreateInvoiceAsync(1_000, "x", TimeSpan.FromMinutes(1), Ct));

        Assert.Equal(NwcException.Timeout, error.Code);
        Assert.Contains("did not answer make_invoice within 0.7 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, nwc.Wallet.RequestsSeen);
    }

    [Fact]
    public async Task The_invoice_encoder_of_the_fake_wallet_is_swappable()
    {
        await using var nwc = await NwcHarness.StartAsync();
        nwc.Wallet.EncodeInvoice = (amount, description, hash) => $"lnbcrt-custom-{amount}-{description}";

        var invoice = await nwc.Backend.CreateInvoiceAsync(3_000, "desc", TimeSpan.FromMinutes(1), Ct);

        Assert.Equal("lnbcrt-custom-3000-desc", invoice.Bolt11);
    }

    [Fact]
    public async Task The_backend_implements_the_shared_interface()
    {
        await using var nwc = await NwcHarness.StartAsync();
        IInvoiceBackend backend = nwc.Backend;
        Assert.Equal("nwc", backend.Name);
    }
}
