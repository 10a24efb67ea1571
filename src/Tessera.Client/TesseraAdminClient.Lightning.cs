namespace Tessera.Client;

public sealed partial class TesseraAdminClient
{
    /// <summary>
    /// <c>POST /admin/v1/lightning/pay</c>: pays a BOLT11 invoice of the server's dev wallet and returns the preimage
    /// (the proof of payment). Fails with <c>invoice_unknown</c> (404), <c>invoice_already_paid</c> (409),
    /// <c>invoice_expired</c> (410), <c>invalid_invoice</c> or <c>backend_not_dev</c> (400).
    /// </summary>
    public Task<LightningPayment> PayInvoiceAsync(string invoice, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoice);
        return SendAsync<LightningPayment>(HttpMethod.Post, "admin/v1/lightning/pay", new PayInvoiceRequest(invoice), cancellationToken);
    }
}
