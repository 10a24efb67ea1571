using System.Data.Common;
using Tessera.Canvas;
using Tessera.Common;
using Tessera.Ledger;
using Tessera.Storage;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>A conversion's result: the square claimed and what it cost (pixel credits in display units).</summary>
public sealed record Conversion(Claim Claim, decimal Spent, decimal Remaining, bool Replayed);

/// <summary>
/// <c>POST /api/agent/convert</c>: turns pixel credits into the largest square they pay for (side = ⌊√credits⌋) at a
/// chosen corner, or the largest one that fits there on free canvas. Money first, pixels second, never one without the
/// other: a ledger hold reserves side² credits, the square is claimed under the canvas lock, and the hold is posted for
/// exactly the area claimed (the rest returns) — or voided when nothing could be claimed. An Idempotency-Key makes a
/// retry answer the first conversion without converting again.
/// </summary>
public sealed class PixelCreditConversion(TesseraDatabase database, LedgerService ledger, ClaimService claims, TimeProvider time)
{
    public async Task<Result<Conversion>> ConvertAsync(string accountId, int? startX, int? startY, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (startX is not { } x || startY is not { } y)
        {
            return Error.Validation("start_x and start_y are required.");
        }

        if (x is < 0 or > 999 || y is < 0 or > 999)
        {
            return Error.Validation("start_x and start_y must be between 0 and 999.");
        }

        if (idempotencyKey is { Length: > 200 })
        {
            return Error.Validation("Idempotency-Key is at most 200 characters.");
        }

        if (idempotencyKey is not null && await FindAsync(accountId, idempotencyKey, cancellationToken) is { } prior)
        {
            return prior with { Remaining = await AvailableAsync(accountId, cancellationToken), Replayed = true };
        }

        var available = await AvailableAsync(accountId, cancellationToken);
        var maxSide = (int)Math.Min(1000, Math.Floor(Math.Sqrt((double)decimal.Floor(available))));
        while ((long)maxSide * maxSide > available)
        {
            maxSide--; // guards against the double square root rounding up
        }

        if (maxSide < 1)
        {
            return InsufficientCredits(available);
        }

        var hold = await ledger.HoldAsync(
            accountId, Currency.PixelCredits.Name, (decimal)maxSide * maxSide, timeout: null,
            idempotencyKey: "omp-convert:" + (idempotencyKey ?? Ids.New("", 16)), cancellationToken: cancellationToken);
        if (!hold.IsSuccess)
        {
            // Another conversion spent the credits between the balance read and the hold.
            return hold.Error.Code == "insufficient_credits" ? InsufficientCredits(await AvailableAsync(accountId, cancellationToken)) : hold.Error;
        }

        if (hold.Value.Replayed)
        {
            return Error.Conflict("conversion_in_progress", "A conversion with this Idempotency-Key is already in progress; retry later.");
        }

        var claim = await claims.ClaimLargestSquareAsync(OneMillionPixelsEndpoints.Canvas, accountId, x, y, maxSide, cancellationToken);
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

        if (idempotencyKey is not null)
        {
            await RecordAsync(accountId, idempotencyKey, claim.Value, spent, cancellationToken);
        }

        return new Conversion(claim.Value, spent, await AvailableAsync(accountId, cancellationToken), Replayed: false);
    }

    private static Error InsufficientCredits(decimal available) =>
        new("insufficient_pixel_credits", $"Converting needs at least 1 whole pixel credit; {available} available.", 400);

    private async Task<decimal> AvailableAsync(string accountId, CancellationToken cancellationToken) =>
        (await ledger.BalancesAsync(accountId, cancellationToken))
            .Where(balance => balance.Currency == Currency.PixelCredits.Name)
            .Sum(balance => balance.Available);

    private async Task RecordAsync(string accountId, string key, Claim claim, decimal spent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""
                INSERT INTO omp_conversions (account_id, idempotency_key, claim_id, x, y, size, spent, created_at)
                VALUES (@account, @key, @claim, @x, @y, @size, @spent, @now)
                """)
            .With("@account", accountId).With("@key", key).With("@claim", claim.Id).With("@x", claim.X).With("@y", claim.Y)
            .With("@size", claim.Width).With("@spent", Currency.PixelCredits.ToMinor(spent).Value)
            .With("@now", time.GetUtcNow().ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
    }

    private async Task<Conversion?> FindAsync(string accountId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
                SELECT c.claim_id, c.x, c.y, c.size, c.spent, c.created_at FROM omp_conversions c
                WHERE c.account_id = @account AND c.idempotency_key = @key
                """)
            .With("@account", accountId).With("@key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var size = Int(reader, 3);
        var claim = new Claim(Long(reader, 0), OneMillionPixelsEndpoints.Canvas, accountId, Int(reader, 1), Int(reader, 2), size, size,
            DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 5)));
        return new Conversion(claim, Currency.PixelCredits.ToDisplay(Long(reader, 4)), 0, Replayed: true);
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
