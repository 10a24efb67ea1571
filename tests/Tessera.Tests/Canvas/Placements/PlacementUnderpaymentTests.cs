using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Canvas.Placements;
using Tessera.Payments;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

/// <summary>
/// The seller checks what was received against its own price (issue #11: the paid amount was not checked): a backend
/// that settles an invoice for less (AMP, keysend, a misbehaving wallet) does not activate the placement, whichever way
/// the payment is learned: the payer's preimage, the settlement stream, or a status lookup.
/// </summary>
public sealed class PlacementUnderpaymentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_preimage_for_an_underpaid_invoice_does_not_activate_the_placement()
    {
        var backend = new PayingInvoices();
        await using var factory = Host(backend);
        var placement = (await factory.Placements().ReserveAsync(PlacementHost.Request(0, 0, 100), Ct)).Value;
        var preimage = backend.Pay(placement.PaymentHash, paidMsat: 100 * 100 * 1000 - 1);

        var confirmed = await factory.Services.GetRequiredService<PlacementPayments>().ConfirmByPreimageAsync(preimage, placement.Id, Ct);

        Assert.Equal("payment_insufficient", confirmed.Error!.Code);
        Assert.Equal(402, confirmed.Error.Status);
        Assert.Equal(PlacementStatus.PendingPayment, (await factory.Placements().GetAsync(placement.Id, Ct))!.Status);
    }

    [Fact]
    public async Task A_settlement_notice_or_lookup_for_less_than_the_price_leaves_it_pending_and_the_full_price_activates_it()
    {
        var backend = new PayingInvoices();
        await using var factory = Host(backend);
        var payments = factory.Services.GetRequiredService<PlacementPayments>();
        var placement = (await factory.Placements().ReserveAsync(PlacementHost.Request(0, 0, 100), Ct)).Value;

        backend.Pay(placement.PaymentHash, paidMsat: 1_000);
        Assert.Equal("payment_insufficient", (await payments.SettleAsync(placement.PaymentHash, Ct)).Error!.Code);
        Assert.Equal(PlacementStatus.PendingPayment, (await payments.RefreshAsync(placement, DateTimeOffset.UtcNow, Ct)).Status);

        backend.Pay(placement.PaymentHash, paidMsat: 100 * 100 * 1000);
        Assert.True((await payments.SettleAsync(placement.PaymentHash, Ct)).Value.Activated);
    }

    private static TesseraFactory Host(IInvoiceBackend backend) =>
        new TesseraFactory().WithServices(services => services.AddSingleton(backend));

    /// <summary>A node that settles its invoices for whatever amount the test says was received.</summary>
    private sealed class PayingInvoices : IInvoiceBackend
    {
        private readonly ConcurrentDictionary<string, (byte[] Preimage, long AmountMsat, long PaidMsat)> _invoices = new();

        public string Name => "paying";

        public byte[] Pay(string paymentHash, long paidMsat)
        {
            var invoice = _invoices[paymentHash];
            _invoices[paymentHash] = invoice with { PaidMsat = paidMsat };
            return invoice.Preimage;
        }

        public Task<CreatedInvoice> CreateInvoiceAsync(long amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
        {
            var preimage = RandomNumberGenerator.GetBytes(32);
            var hash = Convert.ToHexStringLower(SHA256.HashData(preimage));
            _invoices[hash] = (preimage, amountMsat, 0);
            return Task.FromResult(new CreatedInvoice($"lnbcrt1fake{hash[..16]}", hash, DateTimeOffset.UtcNow + expiry));
        }

        // Like a wallet that reports "settled" for any amount received: the placement side must check the amount.
        public Task<InvoiceState?> LookupAsync(string paymentHash, CancellationToken cancellationToken = default) =>
            Task.FromResult(_invoices.TryGetValue(paymentHash, out var invoice)
                ? new InvoiceState(paymentHash, invoice.PaidMsat > 0, invoice.PaidMsat > 0 ? Convert.ToHexStringLower(invoice.Preimage) : null,
                    invoice.PaidMsat > 0 ? DateTimeOffset.UtcNow : null, invoice.AmountMsat, invoice.PaidMsat)
                : null);

        public async IAsyncEnumerable<InvoiceSettlement> WatchSettlementsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
    }
}
