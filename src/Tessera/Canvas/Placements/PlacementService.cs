using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Tessera.Common;
using Tessera.Imaging;
using Tessera.Payments;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>
/// Placements on the placement canvas (<see cref="PlacementOptions.Canvas"/>, Billion Satoshi's 50,000×20,000):
/// quotes and availability from this node's in-memory board (no database), reservations checked and inserted under
/// the canvas's write lock with the database refusing any overlap (R*Tree trigger on SQLite, exclusion constraint on
/// PostgreSQL), activation exactly once by payment hash, flags, counts and stats. See docs/placements.md.
/// </summary>
public sealed partial class PlacementService(
    TesseraDatabase database,
    IBlobStore blobs,
    IInvoiceBackend invoices,
    IOptions<PlacementOptions> options,
    IOptions<ImagingOptions> imaging,
    TimeProvider time,
    ILogger<PlacementService> logger)
{
    private readonly PlacementOptions _options = options.Value;

    internal PlacementBoard Board { get; init; } = null!;

    internal PlacementFeedReader Feed { get; init; } = null!;

    public string Canvas => Board.Canvas;

    /// <summary>Free or not, the price, and (when taken) the nearest free position. No side effects, no database.</summary>
    public Task<Result<PlacementQuote>> QuoteAsync(int x, int y, int size, CancellationToken cancellationToken = default)
    {
        if (PlacementRules.CheckSquare(_options, Board.Width, Board.Height, x, y, size) is { } invalid)
        {
            return Task.FromResult<Result<PlacementQuote>>(invalid);
        }

        var (available, nearest) = Check(x, y, size);
        var pixels = (long)size * size;
        return Task.FromResult<Result<PlacementQuote>>(new PlacementQuote(available, pixels * _options.SatsPerPixel, pixels, nearest));
    }

    /// <summary>Free or not and, when not, the nearest free position for the same size (null when none is).</summary>
    public Task<Result<PlacementAvailability>> AvailableAsync(int x, int y, int size, CancellationToken cancellationToken = default)
    {
        if (PlacementRules.CheckSquare(_options, Board.Width, Board.Height, x, y, size) is { } invalid)
        {
            return Task.FromResult<Result<PlacementAvailability>>(invalid);
        }

        var (available, nearest) = Check(x, y, size);
        return Task.FromResult<Result<PlacementAvailability>>(new PlacementAvailability(available, nearest));
    }

    /// <summary>
    /// Reserves the square as <c>pending_payment</c> with a Lightning invoice for its price. Errors: <c>validation_error</c>
    /// (400: bounds, size, url, texts, images), <c>region_taken</c> (409, nearest via <see cref="PlacementErrors.NearestOf"/>),
    /// <c>too_many_unpaid</c> (429: the IP or account already holds <see cref="PlacementOptions.MaxUnpaidPerReserver"/>),
    /// <c>unpaid_area_exceeded</c> (429: with this square its unpaid pixels would pass <see cref="PlacementOptions.MaxUnpaidPixelsPerIp"/>
    /// or <see cref="PlacementOptions.MaxUnpaidPixelsPerAccount"/>).
    /// </summary>
    public Task<Result<Placement>> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default) =>
        ReserveAsync(request, admit: null, cancellationToken);

    /// <summary>
    /// <see cref="ReserveAsync(ReserveRequest, CancellationToken)"/>, with <paramref name="admit"/> run inside the
    /// reservation's write transaction once the square is known free, just before the insert: a refusal rolls the
    /// reservation back, and whatever <paramref name="admit"/> wrote commits or rolls back with it
    /// (<see cref="PlacementReservations"/> spends the verification token there).
    /// </summary>
    internal async Task<Result<Placement>> ReserveAsync(ReserveRequest request, ReservationAdmission? admit, CancellationToken cancellationToken)
    {
        var (x, y, size) = (request.X, request.Y, request.Size);
        if ((PlacementRules.CheckSquare(_options, Board.Width, Board.Height, x, y, size) ?? PlacementRules.CheckTexts(_options, request)) is { } invalid)
        {
            return invalid;
        }

        // Fast refusal from memory; the database decides below.
        if (!Board.IsFree(x, y, size, time.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            return PlacementErrors.Taken(x, y, size, Board.Nearest(x, y, size, time.GetUtcNow().ToUnixTimeMilliseconds()));
        }

        var image = PlacementImage.Prepare("image", request.Image, size, _options.MaxStoredImageSide, imaging.Value);
        if (!image.IsSuccess)
        {
            return image.Error;
        }

        PlacementImage? agentImage = null;
        if (request.AgentImage is { Length: > 0 } agentUpload)
        {
            var prepared = PlacementImage.Prepare("agentImage", agentUpload, size, _options.MaxStoredImageSide, imaging.Value);
            if (!prepared.IsSuccess)
            {
                return prepared.Error;
            }

            agentImage = prepared.Value;
        }

        var imageHash = await blobs.PutAsync(image.Value.Png, cancellationToken);
        var agentImageHash = agentImage is null ? null : await blobs.PutAsync(agentImage.Png, cancellationToken);
        var sats = (long)size * size * _options.SatsPerPixel;

        // The invoice is made before the transaction (no network call under the canvas lock); one whose reservation
        // loses a race is simply never paid.
        var invoice = await invoices.CreateInvoiceAsync(sats * 1000, $"Tessera placement {size}x{size} at ({x},{y})", _options.InvoiceExpiry, cancellationToken);
        var now = time.GetUtcNow();
        var id = Ids.New("plc_");
        await using (var write = await PlacementWrite.BeginAsync(database, Feed, Board, cancellationToken))
        {
            if (await UnpaidRefusalAsync(write, request, now, cancellationToken) is { } unpaid)
            {
                return unpaid;
            }

            var released = await write.Command(PlacementSql.ReleaseExpiredIn).Square(x, y, size)
                .With("@now", now.ToUnixTimeMilliseconds()).ExecuteAndDisposeAsync(cancellationToken);
            if (released > 0)
            {
                LogReleased(logger, released, x, y, size);
            }

            if (await OverlapsAsync(write, x, y, size, cancellationToken))
            {
                await write.Transaction.RollbackAsync(cancellationToken);
                return await TakenAfterCatchUpAsync(x, y, size, cancellationToken);
            }

            if (admit is not null && await admit(write.Connection, write.Transaction, cancellationToken) is { } refused)
            {
                await write.Transaction.RollbackAsync(cancellationToken);
                return refused;
            }

            try
            {
                await write.Command(PlacementSql.Insert).Square(x, y, size)
                    .With("@id", id).With("@size", size).With("@sats", sats)
                    .With("@image", imageHash).With("@agentImage", agentImageHash)
                    .With("@preview", image.Value.Preview).With("@agentPreview", agentImage?.Preview)
                    .With("@url", Blank(request.Url)).With("@message", Blank(request.Message)).With("@agentIdentity", Blank(request.AgentIdentity))
                    .With("@paymentHash", invoice.PaymentHash).With("@invoice", invoice.Bolt11).With("@expiresAt", invoice.ExpiresAt.ToUnixTimeMilliseconds())
                    .With("@ip", Blank(request.Ip)).With("@account", Blank(request.AccountId)).With("@now", now.ToUnixTimeMilliseconds())
                    .ExecuteAndDisposeAsync(cancellationToken);
            }
            catch (DbException exception) when (IsOverlap(exception))
            {
                // The database's own guard (trigger / exclusion constraint) caught what the check above let through.
                await write.Transaction.RollbackAsync(cancellationToken);
                return await TakenAfterCatchUpAsync(x, y, size, cancellationToken);
            }

            await write.CommitAsync(cancellationToken);
        }

        LogReserved(logger, id, x, y, size);
        return new Placement(id, Board.Canvas, x, y, size, PlacementStatus.PendingPayment, sats, imageHash, agentImageHash,
            Blank(request.Url), Blank(request.Message), Blank(request.AgentIdentity), invoice.PaymentHash, invoice.Bolt11, invoice.ExpiresAt,
            Blank(request.Ip), Blank(request.AccountId), 0, FromMs(now.ToUnixTimeMilliseconds()), null, FromMs(now.ToUnixTimeMilliseconds()));
    }

    /// <summary>
    /// Marks the placement paid and active. Exactly one call per placement gets <c>Activated = true</c> (a conditional
    /// update under the canvas lock); later calls get false and the placement as it is. A payment that arrives after
    /// the reservation expired still wins when the square is free (the placement becomes active again); when another
    /// placement took it meanwhile the answer is <c>region_taken</c> and the caller owes a refund. <c>not_found</c> for an
    /// unknown hash.
    /// </summary>
    public async Task<Result<PlacementActivation>> ActivateAsync(string paymentHash, CancellationToken cancellationToken = default)
    {
        await using var write = await PlacementWrite.BeginAsync(database, Feed, Board, cancellationToken);
        var found = await write.Command($"SELECT {PlacementSql.Columns} FROM placements WHERE payment_hash = @hash")
            .With("@hash", paymentHash).ListAsync(PlacementSql.ReadPlacement, cancellationToken);
        if (found.Count == 0)
        {
            return Error.NotFound("No placement has that payment hash.");
        }

        var placement = found[0];

        // Paid already; a removed one was paid too, and an operator's take-down is final (a late settlement notice or
        // a replayed credential must not put it back).
        if (placement.Status is PlacementStatus.Active or PlacementStatus.Hidden or PlacementStatus.Removed)
        {
            return new PlacementActivation(false, placement);
        }

        if (placement.Status == PlacementStatus.Expired && await OverlapsAsync(write, placement.X, placement.Y, placement.Size, cancellationToken))
        {
            LogPaidTooLate(logger, placement.Id, paymentHash);
            return Error.Conflict(PlacementErrors.RegionTaken,
                "The invoice was paid after the reservation expired, and another placement has taken the square since.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        int updated;
        try
        {
            updated = await write.Command("""
                    UPDATE placements SET status = 'active', paid_at = @now, updated_at = @now, seq = @seq
                    WHERE payment_hash = @hash AND status = @status
                    """).With("@hash", paymentHash).With("@status", placement.Status).With("@now", now)
                .ExecuteAndDisposeAsync(cancellationToken);
        }
        catch (DbException exception) when (IsOverlap(exception))
        {
            return Error.Conflict(PlacementErrors.RegionTaken, "Another placement has taken the square since the reservation expired.");
        }

        if (updated != 1)
        {
            throw new InvalidOperationException($"Activation of {placement.Id} changed {updated} rows under the canvas lock.");
        }

        await write.CommitAsync(cancellationToken);
        LogActivated(logger, placement.Id);
        return new PlacementActivation(true, placement with { Status = PlacementStatus.Active, PaidAt = FromMs(now), UpdatedAt = FromMs(now) });
    }

    public async Task<Placement?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await FindOneAsync("id = @value", id, cancellationToken);

    public async Task<Placement?> FindByPaymentHashAsync(string paymentHash, CancellationToken cancellationToken = default) =>
        await FindOneAsync("payment_hash = @value", paymentHash, cancellationToken);

    /// <summary>Every active placement of the canvas, oldest first (hidden ones are left out).</summary>
    public async Task<IReadOnlyList<Placement>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command($"SELECT {PlacementSql.Columns} FROM placements WHERE canvas = @canvas AND status = 'active' ORDER BY pk")
            .With("@canvas", Board.Canvas).ListAsync(PlacementSql.ReadPlacement, cancellationToken);
    }

    /// <summary>
    /// One flag per IP per placement (a repeat changes nothing: <c>Counted = false</c>). At
    /// <see cref="PlacementOptions.HideAfterFlags"/> an active placement becomes <c>hidden</c>: it stops rendering but
    /// keeps its square. <c>not_found</c>; <c>not_active</c> (409) for a placement not active or hidden.
    /// </summary>
    public async Task<Result<PlacementFlag>> FlagAsync(string id, string ip, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(ip))
        {
            return Error.Validation("A flag needs the client's IP.");
        }

        await using var write = await PlacementWrite.BeginAsync(database, Feed, Board, cancellationToken);
        long pk;
        string status;
        int flags;
        await using (var reader = await write.Command("SELECT pk, status, flags FROM placements WHERE id = @id").With("@id", id).ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return Error.NotFound($"No placement '{id}'.");
            }

            (pk, status, flags) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
        }

        if (status is not (PlacementStatus.Active or PlacementStatus.Hidden))
        {
            return Error.Conflict(PlacementErrors.NotActive, "Only active placements can be flagged.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = await write.Command("INSERT INTO placement_flags (placement_pk, ip, created_at) VALUES (@pk, @ip, @now) ON CONFLICT DO NOTHING")
            .With("@pk", pk).With("@ip", ip).With("@now", now).ExecuteAndDisposeAsync(cancellationToken);
        if (inserted == 0)
        {
            return new PlacementFlag(false, flags, status == PlacementStatus.Hidden);
        }

        var hide = status == PlacementStatus.Active && flags + 1 >= _options.HideAfterFlags;
        await write.Command("UPDATE placements SET flags = flags + 1, updated_at = @now, seq = @seq, status = @status WHERE pk = @pk")
            .With("@pk", pk).With("@now", now).With("@status", hide ? PlacementStatus.Hidden : status).ExecuteAndDisposeAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        if (hide)
        {
            LogHidden(logger, id, flags + 1);
        }

        return new PlacementFlag(true, flags + 1, hide || status == PlacementStatus.Hidden);
    }

    /// <summary>Unpaid reservations (pending_payment, invoice not yet expired) held by <paramref name="ip"/> and by <paramref name="accountId"/>.</summary>
    public async Task<(int ByIp, int ByAccount)> CountUnpaidAsync(string? ip, string? accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return (await CountUnpaidAsync(connection, null, "reserved_ip", ip, now, cancellationToken),
            await CountUnpaidAsync(connection, null, "reserved_account", accountId, now, cancellationToken));
    }

    public async Task<PlacementStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = PlacementStatus.All.ToDictionary(status => status, _ => 0L, StringComparer.Ordinal);
        long activePixels = 0;
        await using (var reader = await connection.Command("""
                SELECT status, COUNT(*), COALESCE(SUM(CAST(size AS bigint) * size), 0) FROM placements WHERE canvas = @canvas GROUP BY status
                """).With("@canvas", Board.Canvas).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
                if (reader.GetString(0) == PlacementStatus.Active)
                {
                    activePixels = reader.GetInt64(2);
                }
            }
        }

        var raised = await connection.Command("SELECT COALESCE(SUM(sats), 0) FROM placements WHERE canvas = @canvas AND paid_at IS NOT NULL")
            .With("@canvas", Board.Canvas).ScalarLongAndDisposeAsync(cancellationToken);
        return new PlacementStats(activePixels, activePixels * 100.0 / ((long)Board.Width * Board.Height), raised, counts);
    }

    private (bool Available, CanvasPoint? Nearest) Check(int x, int y, int size)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return Board.IsFree(x, y, size, now) ? (true, null) : (false, Board.Nearest(x, y, size, now));
    }

    private async Task<Error> TakenAfterCatchUpAsync(int x, int y, int size, CancellationToken cancellationToken)
    {
        // The board missed what the database saw (another node's commit within the last poll): read it before answering.
        await Feed.CatchUpAsync(Board, cancellationToken);
        return PlacementErrors.Taken(x, y, size, Board.Nearest(x, y, size, time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    private async Task<Error?> UnpaidRefusalAsync(PlacementWrite write, ReserveRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var area = (long)request.Size * request.Size;
        var byIp = await UnpaidHeldAsync(write.Connection, write.Transaction, "reserved_ip", Blank(request.Ip), nowMs, cancellationToken);
        var byAccount = await UnpaidHeldAsync(write.Connection, write.Transaction, "reserved_account", Blank(request.AccountId), nowMs, cancellationToken);
        // A reservation without an IP (in-process callers) or without an account is not capped on that side.
        return (string.IsNullOrEmpty(request.Ip) ? null
                : UnpaidRefusal("IP", byIp, area, PlacementRules.MaxUnpaidPixels(_options.MaxUnpaidPixelsPerIp, Board.Width, Board.Height)))
            ?? (string.IsNullOrEmpty(request.AccountId) ? null
                : UnpaidRefusal("account", byAccount, area, PlacementRules.MaxUnpaidPixels(_options.MaxUnpaidPixelsPerAccount, Board.Width, Board.Height)));
    }

    /// <summary>The count cap first (the documented 3), then the pixel cap, which counts the square being reserved.</summary>
    private Error? UnpaidRefusal(string who, (int Count, long Pixels) held, long area, long maxPixels)
    {
        if (held.Count >= _options.MaxUnpaidPerReserver)
        {
            return PlacementErrors.Unpaid(who, _options.MaxUnpaidPerReserver);
        }

        return held.Pixels + area > maxPixels ? PlacementErrors.UnpaidArea(who, held.Pixels, area, maxPixels) : null;
    }

    private static async Task<int> CountUnpaidAsync(DbConnection connection, DbTransaction? transaction, string column, string? value, long nowMs, CancellationToken cancellationToken) =>
        (await UnpaidHeldAsync(connection, transaction, column, value, nowMs, cancellationToken)).Count;

    /// <summary>Unexpired unpaid reservations held by one IP or account: how many, and their pixels.</summary>
    private static async Task<(int Count, long Pixels)> UnpaidHeldAsync(
        DbConnection connection, DbTransaction? transaction, string column, string? value, long nowMs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (0, 0);
        }

        await using var reader = await connection.Command($"""
                SELECT COUNT(*), COALESCE(SUM(CAST(size AS bigint) * size), 0) FROM placements
                WHERE status = 'pending_payment' AND expires_at > @now AND {column} = @value
                """, transaction)
            .With("@now", nowMs).With("@value", value).ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<bool> OverlapsAsync(PlacementWrite write, int x, int y, int size, CancellationToken cancellationToken) =>
        await write.Command(database.IsSqlite ? PlacementSql.OverlapSqlite : PlacementSql.OverlapPostgres).Square(x, y, size)
            .ScalarLongAndDisposeAsync(cancellationToken) > 0;

    private async Task<Placement?> FindOneAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.Command($"SELECT {PlacementSql.Columns} FROM placements WHERE {where}").With("@value", value)
            .ListAsync(PlacementSql.ReadPlacement, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>The database's own overlap guard: the SQLite trigger's RAISE, or PostgreSQL's exclusion_violation (23P01).</summary>
    internal static bool IsOverlap(DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ExclusionViolation,
        SqliteException sqlite => sqlite.Message.Contains("placement_overlap", StringComparison.Ordinal),
        _ => false,
    };

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
