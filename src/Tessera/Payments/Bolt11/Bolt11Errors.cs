using Tessera.Common;

namespace Tessera.Payments.Bolt11;

/// <summary>Why an invoice string is refused: one stable code, <c>invalid_invoice</c>, and a message that says what is wrong.</summary>
public static class Bolt11Errors
{
    public const string InvalidInvoice = "invalid_invoice";

    public static Error Malformed(string message) => new(InvalidInvoice, message, 400);
}
