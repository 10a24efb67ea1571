namespace Tessera.Payments;

/// <summary>The Payments module's front door: BOLT11, the invoice backend chosen by <c>Tessera:Lightning:Backend</c>.</summary>
public static class PaymentsExtensions
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
