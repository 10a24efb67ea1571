using System.Data.Common;
using Tessera.Common;
using Tessera.Verification;

namespace Tessera.Canvas.Placements;

/// <summary>A check run inside a reservation's write transaction: null admits it, an error refuses it (and rolls it back).</summary>
internal delegate Task<Error?> ReservationAdmission(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

/// <summary>
/// A placement reserved on a verification token, as one rule (DECISIONS.md: the token is spent when the reservation is
/// made). Outside open mode: no token is <c>verification_required</c>; an unknown, expired or spent one, or one whose
/// score does not qualify in this mode, is refused before anything is stored. The token is then spent inside the
/// reservation's own write transaction, so of any number of requests racing with one token exactly one reserves and
/// the others are refused with <c>verification_token_spent</c>, leaving no reservation behind (before, each racer
/// could reserve and only then lose the spend, leaving an unpaid reservation holding the square until it expired).
/// </summary>
public sealed class PlacementReservations(PlacementService placements, VerificationService verification)
{
    public async Task<Result<Placement>> ReserveAsync(ReserveRequest request, string? verificationToken, CancellationToken cancellationToken = default)
    {
        if (verification.Mode == VerificationMode.Open)
        {
            return await placements.ReserveAsync(request, cancellationToken);
        }

        if (string.IsNullOrEmpty(verificationToken))
        {
            return VerificationErrors.TokenRequired;
        }

        // Fast refusal before images are stored and an invoice is made; the spend below is what decides.
        var check = await verification.CheckTokenAsync(verificationToken, cancellationToken);
        Error? refused = check.State switch
        {
            TokenState.Unknown => VerificationErrors.TokenInvalid,
            TokenState.Expired => VerificationErrors.TokenExpired,
            TokenState.Spent => VerificationErrors.TokenSpent,
            _ => check.Passes ? null : VerificationErrors.NotQualified,
        };
        if (refused is not null)
        {
            return refused;
        }

        return await placements.ReserveAsync(request, async (connection, transaction, ct) =>
        {
            var spent = await verification.SpendTokenAsync(verificationToken, connection, transaction, ct);
            return spent.IsSuccess ? null : spent.Error;
        }, cancellationToken);
    }
}
