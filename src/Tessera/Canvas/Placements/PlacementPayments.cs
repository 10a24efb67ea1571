using Tessera.Common;
using Tessera.Ledger;
using Tessera.Payments;

namespace Tessera.Canvas.Placements;

/// <summary>
/// Turns a paid invoice into an active placement, however the payment was learned: a preimage presented by the payer
/// (MPP retry, <c>/confirm</c>), the backend's settlement stream, or a lookup while polling. Activation happens once
/// (<see cref="PlacementService.ActivateAsync"/>); the sats are recorded in the ledger with idempotency keys derived from
/// the payment hash, so every path may call this again safely (a crash between activation and ledger is healed by the
/// next call).
/// </summary>
public sealed partial class PlacementPayments(PlacementService placements, LedgerService ledger, IInvoiceBackend invoices, ILogger<PlacementPayments> logger)
{
    /// <summary>
    /// The ledger owner paid Lightning sats pass through when the reservation has no account: the sats are issued to it
    /// and moved on to revenue in the same call, so its balance is back to zero after every payment.
    /// </summary>
    public const string LightningPayer = "lightning-payer";

    /// <summary>
    /// The placement whose invoice <paramref name="preimage"/> pays, activated. <c>invalid_preimage</c> (400) when no
    /// placement has the hash it answers; <c>region_taken</c> (409) when it was paid too late.
    /// </summary>
    public async Task<Result<PlacementActivation>> ConfirmByPreimageAsync(byte[] preimage, string? expectedPlacementId, CancellationToken cancellationToken = default)
    {
        var hash = PaymentProof.HashOf(preimage);
        var placement = await placements.FindByPaymentHashAsync(hash, cancellationToken);
        if (placement is null || (expectedPlacementId is not null && placement.Id != expectedPlacementId) || !PaymentProof.Matches(preimage, placement.PaymentHash))
        {
            return PlacementErrors.InvalidPreimage;
        }

        return await SettleAsync(hash, cancellationToken);
    }

    /// <summary>Activates the placement of a settled invoice and records its sats (idempotent). <c>not_found</c> for a hash no placement has.</summary>
    public async Task<Result<PlacementActivation>> SettleAsync(string paymentHash, CancellationToken cancellationToken = default)
    {
        var pending = await placements.FindByPaymentHashAsync(paymentHash, cancellationToken);
        if (pending is { Status: PlacementStatus.PendingPayment })
        {
            // Whatever told us (a preimage, a settlement notice), the node's own record must show the price received:
            // an underpaid invoice, or a backend that settles any amount, does not buy the square (issue #11).
            var state = await invoices.LookupAsync(paymentHash, cancellationToken);
            if (state is null || !state.PaysAtLeast(pending.Sats * 1000))
            {
                LogNotPaidInFull(logger, pending.Id, state?.PaidMsat ?? 0, pending.Sats * 1000);
                return PlacementErrors.NotPaidInFull(pending.Id, state?.PaidMsat ?? 0, pending.Sats);
            }
        }

        var activation = await placements.ActivateAsync(paymentHash, cancellationToken);
        if (!activation.IsSuccess)
        {
            return activation;
        }

        var placement = activation.Value.Placement;
        var payer = placement.ReservedByAccount ?? LightningPayer;
        var grant = await ledger.GrantAsync(payer, Currency.Sats.Name, placement.Sats, null, $"bsap:{paymentHash}:paid", $"Lightning payment for placement {placement.Id}", cancellationToken);
        var spend = grant.IsSuccess
            ? await ledger.TransferAsync(payer, SystemOwners.Revenue, Currency.Sats.Name, placement.Sats, $"bsap:{paymentHash}:spent", $"Placement {placement.Id}", cancellationToken)
            : grant;
        if (!spend.IsSuccess)
        {
            // The square is paid and live either way; the ledger record is retried by the next call for this hash.
            LogLedgerFailed(logger, placement.Id, spend.Error.Code);
        }

        return activation;
    }

    /// <summary>
    /// For a placement still waiting: asks the backend whether its invoice was paid (a settlement the stream missed) and
    /// settles it if so. Returns the placement as it is afterwards.
    /// </summary>
    public async Task<Placement> RefreshAsync(Placement placement, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (placement.Status != PlacementStatus.PendingPayment || placement.ExpiresAt <= now)
        {
            return placement;
        }

        var state = await invoices.LookupAsync(placement.PaymentHash, cancellationToken);
        if (state is null || !state.PaysAtLeast(placement.Sats * 1000))
        {
            return placement;
        }

        var settled = await SettleAsync(placement.PaymentHash, cancellationToken);
        return settled.IsSuccess ? settled.Value.Placement : placement;
    }

    [LoggerMessage(EventId = 8013, Level = LogLevel.Warning, Message = "Placement {Id}: its invoice shows {PaidMsat} msat received of {PriceMsat}; not activated")]
    private static partial void LogNotPaidInFull(ILogger logger, string id, long paidMsat, long priceMsat);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Error, Message = "Placement {Id} is paid but its ledger record failed ({Code}); the next settlement call retries it")]
    private static partial void LogLedgerFailed(ILogger logger, string id, string code);
}
