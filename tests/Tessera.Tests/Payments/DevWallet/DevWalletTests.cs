using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Payments;
using Tessera.Payments.Bolt11;
using Tessera.Payments.DevWallet;
using Tessera.Tests.Support;

namespace Tessera.Tests.Payments;

/// <summary>The dev wallet makes real regtest invoices and the operator pays them through <c>POST /admin/v1/lightning/pay</c>.</summary>
public sealed class DevWalletTests : IAsyncDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TesseraFactory _factory;

    public DevWalletTests() => _factory = new TesseraFactory().WithServices(services => services.AddSingleton<TimeProvider>(_clock));

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private IInvoiceBackend Backend => _factory.Services.GetRequiredService<IInvoiceBackend>();

    [Fact]
    public async Task The_default_backend_makes_signed_regtest_invoices_for_its_own_node()
    {
        Assert.IsType<DevWalletBackend>(Backend);
        var created = await Backend.CreateInvoiceAsync(2_500_000, "square 40,40 size 10", TimeSpan.FromMinutes(15), Ct);

        var invoice = Bolt11Codec.Decode(created.Bolt11).Value;
        Assert.StartsWith("lnbcrt25u1", created.Bolt11, StringComparison.Ordinal);
        Assert.Equal(Bolt11Network.Regtest, invoice.Network);
        Assert.Equal(2_500_000, invoice.AmountMsat);
        Assert.Equal("square 40,40 size 10", invoice.Description);
        Assert.Equal(created.PaymentHash, invoice.PaymentHash);
        Assert.NotNull(invoice.PaymentSecret);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(15), created.ExpiresAt);
        var (_, nodeKey) = await _factory.Services.GetRequiredService<DevNode>().GetKeyAsync(Ct);
        Assert.Equal(nodeKey, invoice.PayeePubKey);
    }

    [Fact]
    public async Task Paying_an_invoice_reveals_the_preimage_of_its_hash_and_settles_it()
    {
        var created = await Backend.CreateInvoiceAsync(2_500_500, "pay me", TimeSpan.FromMinutes(15), Ct);
        Assert.False((await Backend.LookupAsync(created.PaymentHash, Ct))!.Settled);

        var response = await PayAsync(created.Bolt11);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var preimage = body.GetProperty("preimage").GetString()!;
        Assert.Equal(created.PaymentHash, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(preimage))));
        Assert.Equal(created.PaymentHash, body.GetProperty("paymentHash").GetString());
        Assert.Equal(2500.5m, body.GetProperty("amountSats").GetDecimal());
        var state = await Backend.LookupAsync(created.PaymentHash, Ct);
        Assert.True(state!.Settled);
        Assert.Equal(preimage, state.Preimage);
        Assert.Equal(2_500_500, state.AmountMsat);
    }

    [Fact]
    public async Task An_invoice_is_paid_once()
    {
        var created = await Backend.CreateInvoiceAsync(1_000, "once", TimeSpan.FromMinutes(15), Ct);
        Assert.Equal(HttpStatusCode.OK, (await PayAsync(created.Bolt11)).StatusCode);

        var again = await PayAsync(created.Bolt11);

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "invoice_already_paid");
    }

    [Fact]
    public async Task Racing_payments_settle_an_invoice_once()
    {
        var created = await Backend.CreateInvoiceAsync(1_000, "raced", TimeSpan.FromMinutes(15), Ct);
        var wallet = (DevWalletBackend)Backend;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => wallet.PayAsync(created.Bolt11, Ct), Ct)));

        Assert.Single(results, result => result.IsSuccess);
        Assert.All(results.Where(result => !result.IsSuccess), result => Assert.Equal("invoice_already_paid", result.Error!.Code));
    }

    [Fact]
    public async Task An_expired_invoice_is_not_paid()
    {
        var created = await Backend.CreateInvoiceAsync(1_000, "late", TimeSpan.FromMinutes(15), Ct);
        _clock.Advance(TimeSpan.FromMinutes(15));

        await AssertProblemAsync(await PayAsync(created.Bolt11), HttpStatusCode.Gone, "invoice_expired");
    }

    [Fact]
    public async Task An_invoice_of_another_node_is_unknown()
    {
        var foreign = SpecVectors.Valid[1].Invoice;

        await AssertProblemAsync(await PayAsync(foreign), HttpStatusCode.NotFound, "invoice_unknown");
    }

    [Fact]
    public async Task An_invoice_signed_by_this_node_but_never_issued_is_unknown()
    {
        var (privateKey, _) = await _factory.Services.GetRequiredService<DevNode>().GetKeyAsync(Ct);
        var made = Bolt11Codec.Encode(new Bolt11Invoice
        {
            Network = Bolt11Network.Regtest,
            Timestamp = _clock.GetUtcNow(),
            PaymentHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            Description = "never stored",
        }, privateKey);

        await AssertProblemAsync(await PayAsync(made), HttpStatusCode.NotFound, "invoice_unknown");
    }

    [Fact]
    public async Task A_malformed_invoice_is_a_bad_request()
    {
        await AssertProblemAsync(await PayAsync("lnbcrt1notaninvoice"), HttpStatusCode.BadRequest, "invalid_invoice");
        await AssertProblemAsync(await PayAsync(""), HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task Lookup_of_an_unknown_hash_is_null() =>
        Assert.Null(await Backend.LookupAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Ct));

    [Fact]
    public async Task The_pay_route_needs_the_operator_key()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/admin/v1/lightning/pay", new { invoice = "x" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> PayAsync(string invoice) =>
        _factory.CreateAdminClient().PostAsJsonAsync("/admin/v1/lightning/pay", new { invoice }, Ct);

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
