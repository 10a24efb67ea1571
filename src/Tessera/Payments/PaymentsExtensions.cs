using Tessera.Payments.Nwc;

namespace Tessera.Payments;

/// <summary>The Payments module's front door: BOLT11, the invoice backend chosen by <c>Tessera:Lightning:Backend</c>.</summary>
public static class PaymentsExtensions
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        // Nostr Wallet Connect (Alby Hub): the keyed "nwc" IInvoiceBackend and Tessera:Lightning:Nwc options.
        builder.Services.AddNwc(builder.Configuration);
        return builder;
    }
}
