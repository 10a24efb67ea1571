using Tessera.Common;

namespace Tessera.Payments.DevWallet;

/// <summary>Why the dev wallet refuses to pay an invoice.</summary>
public static class DevWalletErrors
{
    public static Error Unknown(string paymentHash) => new("invoice_unknown", $"The dev wallet made no invoice with payment hash {paymentHash}.", 404);

    public static Error NotOurs(string? payee) => new("invoice_unknown", $"The invoice is payable to node {payee}, not to this dev wallet.", 404);

    public static Error AlreadyPaid(string paymentHash) => new("invoice_already_paid", $"The invoice {paymentHash} is already paid.", 409);

    public static Error Expired(string paymentHash) => new("invoice_expired", $"The invoice {paymentHash} has expired.", 410);
}
