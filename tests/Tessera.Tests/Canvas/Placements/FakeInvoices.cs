using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Tessera.Payments;

namespace Tessera.Tests.Canvas.Placements;

/// <summary>An invoice backend for placement tests: random hashes, expiry on the test's clock, nothing to settle.</summary>
internal sealed class FakeInvoices(TimeProvider time) : IInvoiceBackend
{
    public string Name => "fake";

    public Task<CreatedInvoice> CreateInvoiceAsync(long amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
        return Task.FromResult(new CreatedInvoice($"lnbc{amountMsat / 1000}n1fake{hash[..16]}", hash, time.GetUtcNow() + expiry));
    }

    public Task<InvoiceState?> LookupAsync(string paymentHash, CancellationToken cancellationToken = default) => Task.FromResult<InvoiceState?>(null);

    public async IAsyncEnumerable<InvoiceSettlement> WatchSettlementsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
