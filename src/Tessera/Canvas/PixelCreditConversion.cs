using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Ledger;

namespace Tessera.Canvas;

/// <summary>A conversion's result: the square claimed and what it cost (pixel credits in display units).</summary>
public sealed record Conversion(Claim Claim, decimal Spent, decimal Remaining);

/// <summary>
/// The rule behind One Million Pixels' <c>POST /api/agent/convert</c>: turns pixel credits into the largest square they
/// pay for (side = ⌊√credits⌋) at a chosen corner of a pixel canvas, or the largest one that fits there on free canvas,
/// within the canvas as configured (<c>Tessera:Canvas:Canvases:&lt;id&gt;</c>; the seed's is 1000×1000). Money first, pixels second, never one without the
/// other: a ledger hold reserves side² credits, the square is claimed under the canvas lock, and the hold is posted for
/// exactly the area claimed (the rest returns) — or voided when nothing could be claimed. Retries are made safe by the
/// route's Idempotency-Key (the one HTTP mechanism, docs/idempotency.md).
/// </summary>
public sealed class PixelCreditConversion(LedgerService ledger, ClaimService claims, IOptions<CanvasOptions> canvases)
{
    public async Task<Result<Conversion>> ConvertAsync(string canvas, string accountId, int? startX, int? startY, CancellationToken cancellationToken = default)
    {
        if (!canvases.Value.Effective.TryGetValue(canvas, out var definition) || definition.Mode != CanvasMode.Pixel)
        {
            return Error.NotFound($"No pixel canvas '{canvas}'.");
        }

        if (startX is not { } x || startY is not { } y)
        {
            return Error.Validation("start_x and start_y are required.");
        }

        if (x < 0 || x >= definition.Width || y < 0 || y >= definition.Height)
        {
            return Error.Validation($"start_x must be between 0 and {definition.Width - 1} and start_y between 0 and {definition.Height - 1}.");
        }

        var available = await AvailableAsync(accountId, cancellationToken);
        var maxSide = (int)Math.Min(Math.Min(definition.Width, definition.Height), Math.Floor(Math.Sqrt((double)decimal.Floor(available))));
        while ((long)maxSide * maxSide > available)
        {
            maxSide--; // guards against the double square root rounding up
        }

        if (maxSide < 1)
        {
            return InsufficientCredits(available);
        }

        var hold = await ledger.HoldAsync(
            accountId, Currency.PixelCredits.Name, (decimal)maxSide * maxSide, timeout: null, idempotencyKey: null,
            cancellationToken: cancellationToken);
        if (!hold.IsSuccess)
        {
            // Another conversion spent the credits between the balance read and the hold.
            return hold.Error.Code == "insufficient_credits" ? InsufficientCredits(await AvailableAsync(accountId, cancellationToken)) : hold.Error;
        }

        var claim = await claims.ClaimLargestSquareAsync(canvas, accountId, x, y, maxSide, cancellationToken);
        if (!claim.IsSuccess)
        {
            await ledger.VoidAsync(hold.Value.Id, idempotencyKey: null, CancellationToken.None);
            return claim.Error.Code == "region_taken"
                ? new Error("no_free_square", $"No free pixel at ({x},{y}): it belongs to another claim.", 400)
                : claim.Error;
        }

        var side = claim.Value.Width;
        var spent = (decimal)side * side;
        var posted = await ledger.PostAsync(hold.Value.Id, spent, idempotencyKey: null, CancellationToken.None);
        if (!posted.IsSuccess)
        {
            throw new InvalidOperationException($"Posting the hold of a conversion failed: {posted.Error.Code}.");
        }

        return new Conversion(claim.Value, spent, await AvailableAsync(accountId, cancellationToken));
    }

    private static Error InsufficientCredits(decimal available) =>
        new("insufficient_pixel_credits", $"Converting needs at least 1 whole pixel credit; {available} available.", 400);

    private Task<decimal> AvailableAsync(string accountId, CancellationToken cancellationToken) =>
        ledger.AvailableAsync(accountId, Currency.PixelCredits, cancellationToken);
}
