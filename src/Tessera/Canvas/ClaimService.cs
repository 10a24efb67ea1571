using System.Data.Common;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Canvas;

/// <summary>
/// Claims: the operator's grant of a rectangle (what buying pixels gives), and later the conversion of pixel credits.
/// No two claims on a canvas overlap, also when requests race on several nodes: each canvas's claims are written
/// under one lock held by the database, and the overlap check runs inside it.
/// </summary>
public sealed class ClaimService(TesseraDatabase database, IOptions<CanvasOptions> options, TimeProvider time)
{
    private const string OverlapSql = """
        SELECT COUNT(*) FROM canvas_claims
        WHERE canvas = @canvas AND x < @x + @width AND @x < x + width AND y < @y + @height AND @y < y + height
        """;

    public async Task<Result<Claim>> CreateAsync(string canvas, string? accountId, int x, int y, int width, int height, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Effective.TryGetValue(canvas, out var definition))
        {
            return Error.NotFound($"No canvas '{canvas}'.");
        }

        if (definition.Mode != CanvasMode.Pixel)
        {
            return Error.Validation($"Canvas '{canvas}' sells placements, not claims.");
        }

        if (width < 1 || height < 1 || x < 0 || y < 0 || (long)x + width > definition.Width || (long)y + height > definition.Height)
        {
            return Error.Validation($"The rectangle must lie inside the {definition.Width}x{definition.Height} canvas, with width and height of at least 1.");
        }

        if (string.IsNullOrEmpty(accountId))
        {
            return Error.Validation("account_id is required.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, canvas, cancellationToken);
        if (!await AccountExistsAsync(connection, transaction, accountId, cancellationToken))
        {
            return Error.NotFound($"No account '{accountId}'.");
        }

        var overlapping = await Rectangle(connection.Command(OverlapSql, transaction), canvas, x, y, width, height).ScalarLongAndDisposeAsync(cancellationToken);
        if (overlapping > 0)
        {
            return Error.Conflict("region_taken", $"The rectangle {width}x{height} at ({x},{y}) overlaps pixels another claim owns.");
        }

        return await InsertAsync(connection, transaction, canvas, accountId, x, y, width, height, cancellationToken);
    }

    /// <summary>
    /// Claims for <paramref name="accountId"/> the largest square with its top-left corner at (<paramref name="x"/>,
    /// <paramref name="y"/>), of side at most <paramref name="maxSide"/>, that lies inside the canvas and overlaps no
    /// claim. The search and the insert run under the canvas's lock, so two racing calls never take the same pixels.
    /// 409 <c>region_taken</c> when not even a 1×1 square is free there.
    /// </summary>
    public async Task<Result<Claim>> ClaimLargestSquareAsync(string canvas, string accountId, int x, int y, int maxSide, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Effective.TryGetValue(canvas, out var definition))
        {
            return Error.NotFound($"No canvas '{canvas}'.");
        }

        if (definition.Mode != CanvasMode.Pixel)
        {
            return Error.Validation($"Canvas '{canvas}' sells placements, not claims.");
        }

        if (x < 0 || y < 0 || x >= definition.Width || y >= definition.Height)
        {
            return Error.Validation($"The position must lie inside the {definition.Width}x{definition.Height} canvas.");
        }

        if (maxSide < 1)
        {
            return Error.Validation("The square's side must be at least 1.");
        }

        var bound = Math.Min(maxSide, Math.Min(definition.Width - x, definition.Height - y));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, canvas, cancellationToken);
        if (!await AccountExistsAsync(connection, transaction, accountId, cancellationToken))
        {
            return Error.NotFound($"No account '{accountId}'.");
        }

        var blocking = new List<Claim>();
        await using (var command = Rectangle(connection.Command(
            "SELECT id, canvas, account_id, x, y, width, height, created_at FROM canvas_claims WHERE canvas = @canvas AND x < @x + @width AND @x < x + width AND y < @y + @height AND @y < y + height",
            transaction), canvas, x, y, bound, bound))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                blocking.Add(Read(reader));
            }
        }

        var side = LargestFreeSquare(blocking, x, y, bound);
        if (side < 1)
        {
            return Error.Conflict("region_taken", $"The pixel at ({x},{y}) belongs to another claim.");
        }

        return await InsertAsync(connection, transaction, canvas, accountId, x, y, side, side, cancellationToken);
    }

    /// <summary>
    /// The side of the largest square at (<paramref name="x"/>, <paramref name="y"/>), at most <paramref name="maxSide"/>,
    /// overlapping none of <paramref name="claims"/> (0 when the corner itself is taken). A claim that reaches right of x
    /// and below y blocks a square of side s exactly when s exceeds max(claim.X − x, claim.Y − y); the answer is the
    /// smallest such bound. O(claims).
    /// </summary>
    public static int LargestFreeSquare(IEnumerable<Claim> claims, int x, int y, int maxSide)
    {
        var side = maxSide;
        foreach (var claim in claims)
        {
            if (claim.X + claim.Width <= x || claim.Y + claim.Height <= y)
            {
                continue;
            }

            side = Math.Min(side, Math.Max(0, Math.Max(claim.X - x, claim.Y - y)));
        }

        return side;
    }

    private Task<DbTransaction> BeginLockedAsync(DbConnection connection, string canvas, CancellationToken cancellationToken) =>
        CanvasLock.BeginAsync(database, connection, canvas, cancellationToken);

    private static async Task<bool> AccountExistsAsync(DbConnection connection, DbTransaction transaction, string accountId, CancellationToken cancellationToken) =>
        await connection.Command("SELECT COUNT(*) FROM accounts WHERE id = @id", transaction).With("@id", accountId).ScalarLongAndDisposeAsync(cancellationToken) > 0;

    private async Task<Result<Claim>> InsertAsync(
        DbConnection connection, DbTransaction transaction, string canvas, string accountId, int x, int y, int width, int height, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = await Rectangle(connection.Command("""
                INSERT INTO canvas_claims (canvas, account_id, x, y, width, height, created_at)
                VALUES (@canvas, @account, @x, @y, @width, @height, @now) RETURNING id
                """, transaction), canvas, x, y, width, height)
            .With("@account", accountId)
            .With("@now", now.ToUnixTimeMilliseconds())
            .ScalarLongAndDisposeAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Claim(id, canvas, accountId, x, y, width, height, now);
    }

    public async Task<IReadOnlyList<Claim>> ListAsync(string canvas, string? accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = "SELECT id, canvas, account_id, x, y, width, height, created_at FROM canvas_claims WHERE canvas = @canvas" +
            (accountId is null ? "" : " AND account_id = @account") + " ORDER BY id";
        await using var reader = await connection.Command(sql).With("@canvas", canvas).With("@account", accountId).ExecuteReaderAsync(cancellationToken);
        var claims = new List<Claim>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(Read(reader));
        }

        return claims;
    }

    private static Claim Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
        reader.GetInt32(5), reader.GetInt32(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));

    private static DbCommand Rectangle(DbCommand command, string canvas, int x, int y, int width, int height) =>
        command.With("@canvas", canvas).With("@x", x).With("@y", y).With("@width", width).With("@height", height);
}
