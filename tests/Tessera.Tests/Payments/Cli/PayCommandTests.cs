using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Cli;
using Tessera.Client;
using Tessera.Payments;
using Tessera.Tests.Support;

namespace Tessera.Tests.Payments;

/// <summary><c>tessera admin pay</c> and the SDK call behind it, against a real server's dev wallet.</summary>
public sealed class PayCommandTests : IAsyncDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private readonly TesseraFactory _factory = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task Pay_prints_the_preimage_of_the_invoice_hash()
    {
        var created = await _factory.Services.GetRequiredService<IInvoiceBackend>().CreateInvoiceAsync(2_500_000, "cli", TimeSpan.FromMinutes(5), Ct);

        Assert.Equal(0, await RunAsync("admin", "pay", created.Bolt11));

        var preimage = _output.ToString().Trim();
        Assert.Equal(created.PaymentHash, Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(preimage))));
        Assert.Contains("paid 2500 sats", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paying_twice_fails_with_the_servers_code()
    {
        var created = await _factory.Services.GetRequiredService<IInvoiceBackend>().CreateInvoiceAsync(1_000, "twice", TimeSpan.FromMinutes(5), Ct);
        Assert.Equal(0, await RunAsync("admin", "pay", created.Bolt11));

        Assert.Equal(1, await RunAsync("admin", "pay", created.Bolt11));

        Assert.Contains("error: invoice_already_paid:", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sdk_returns_the_payment()
    {
        var created = await _factory.Services.GetRequiredService<IInvoiceBackend>().CreateInvoiceAsync(1_500, "sdk", TimeSpan.FromMinutes(5), Ct);
        using var client = new TesseraAdminClient(_factory.CreateClient(), _factory.AdminKey!);

        var payment = await client.PayInvoiceAsync(created.Bolt11, Ct);

        Assert.Equal(created.PaymentHash, payment.PaymentHash);
        Assert.Equal(1.5m, payment.AmountSats);
        var error = await Assert.ThrowsAsync<TesseraApiException>(() => client.PayInvoiceAsync("lnbcrt1garbage", Ct));
        Assert.Equal("invalid_invoice", error.Code);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var app = CliApp.Create(new CliEnvironment(
            _output,
            _error,
            (_, key) => new TesseraAdminClient(_factory.CreateClient(), key),
            name => name == "TESSERA_ADMIN_KEY" ? _factory.AdminKey : null,
            (_, _) => Task.CompletedTask));
        return app.RunAsync(args, Ct);
    }
}
