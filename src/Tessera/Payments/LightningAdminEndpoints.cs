using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Common;
using Tessera.Http;
using Tessera.Payments.DevWallet;

namespace Tessera.Payments;

/// <summary>The operator's Lightning routes, mapped onto the <c>/admin/v1</c> group (which authenticates the operator).</summary>
public static class LightningAdminEndpoints
{
    public static RouteGroupBuilder MapLightningAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/lightning/pay", PayAsync);
        return admin;
    }

    /// <summary>
    /// Pays an invoice of the dev wallet, as a Lightning wallet would, and answers its preimage. Only the dev wallet can:
    /// with a real node configured there is nothing to pay from, so the route answers 400.
    /// </summary>
    public static async Task<Results<Ok<PayInvoiceResponse>, ErrorResult>> PayAsync(PayInvoiceRequest request, IInvoiceBackend backend, CancellationToken cancellationToken)
    {
        if (backend is not DevWalletBackend wallet)
        {
            return new ErrorResult(new Error("backend_not_dev", $"Only the dev wallet pays invoices; the configured Lightning backend is '{backend.Name}'.", 400));
        }

        if (string.IsNullOrWhiteSpace(request.Invoice))
        {
            return new ErrorResult(Error.Validation("'invoice' (a BOLT11 string) is required."));
        }

        var result = await wallet.PayAsync(request.Invoice, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new PayInvoiceResponse(result.Value.Preimage, result.Value.PaymentHash, result.Value.AmountMsat / 1000m))
            : new ErrorResult(result.Error);
    }
}

public sealed record PayInvoiceRequest(string? Invoice);

/// <summary>The preimage proves the payment; <see cref="AmountSats"/> is in display units (millisatoshis as a fraction).</summary>
public sealed record PayInvoiceResponse(string Preimage, string PaymentHash, decimal AmountSats);
