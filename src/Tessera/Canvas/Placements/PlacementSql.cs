using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>The SQL of the <c>placements</c> tables (both providers unless named) and the row readers.</summary>
internal static class PlacementSql
{
    public const string Columns = """
        id, canvas, x, y, size, status, sats, image_hash, agent_image_hash, url, message, agent_identity, payment_hash,
        invoice, expires_at, reserved_ip, reserved_account, flags, created_at, paid_at, updated_at
        """;

    /// <summary>What a node keeps in memory; expired rows come without their previews (they no longer render or block).</summary>
    public const string EntryColumns = """
        pk, id, x, y, size, status, expires_at, seq, image_hash, agent_image_hash,
        CASE WHEN status = 'expired' THEN NULL ELSE preview END, CASE WHEN status = 'expired' THEN NULL ELSE agent_preview END
        """;

    public const string NextSeq = "SELECT COALESCE(MAX(seq), 0) + 1 FROM placements WHERE canvas = @canvas";

    public const string ChangesAfter = $"""
        SELECT {EntryColumns} FROM placements
        WHERE canvas = @canvas AND (seq > @seq OR (seq = @seq AND pk > @pk)) ORDER BY seq, pk LIMIT @limit
        """;

    public const string ChangesAt = $"SELECT {EntryColumns} FROM placements WHERE canvas = @canvas AND seq = @seq";

    /// <summary>Blocking squares meeting [x, x1] × [y, y1] (inclusive corners): SQLite asks its R*Tree.</summary>
    public const string OverlapSqlite = """
        SELECT COUNT(*) FROM placement_boxes
        WHERE min_x <= @x1 AND max_x >= @x AND min_y <= @y1 AND max_y >= @y AND canvas = @canvas
        """;

    /// <summary>The same on PostgreSQL, through the exclusion constraint's GiST index.</summary>
    public const string OverlapPostgres = """
        SELECT COUNT(*) FROM placements WHERE canvas = @canvas AND blocking AND area && box(point(@x, @y), point(@x1, @y1))
        """;

    /// <summary>Unpaid reservations that meet the square and whose invoice has expired: released by the reserve that needs the room.</summary>
    public const string ReleaseExpiredIn = """
        UPDATE placements SET status = 'expired', seq = @seq, updated_at = @now
        WHERE canvas = @canvas AND status = 'pending_payment' AND expires_at <= @now
          AND x <= @x1 AND @x < x + size AND y <= @y1 AND @y < y + size
        """;

    public const string ReleaseExpired = """
        UPDATE placements SET status = 'expired', seq = @seq, updated_at = @now
        WHERE canvas = @canvas AND status = 'pending_payment' AND expires_at <= @now
        """;

    public const string AnyExpired = """
        SELECT COUNT(*) FROM (SELECT 1 FROM placements WHERE canvas = @canvas AND status = 'pending_payment' AND expires_at <= @now LIMIT 1) AS due
        """;

    public const string Insert = """
        INSERT INTO placements (id, canvas, x, y, size, status, sats, image_hash, agent_image_hash, preview, agent_preview, url,
            message, agent_identity, payment_hash, invoice, expires_at, reserved_ip, reserved_account, flags, created_at, updated_at, seq)
        VALUES (@id, @canvas, @x, @y, @size, 'pending_payment', @sats, @image, @agentImage, @preview, @agentPreview, @url,
            @message, @agentIdentity, @paymentHash, @invoice, @expiresAt, @ip, @account, 0, @now, @now, @seq)
        """;

    /// <summary>The square's parameters (the canvas comes from <see cref="PlacementWrite.Command"/>).</summary>
    public static DbCommand Square(this DbCommand command, int x, int y, int size) =>
        command.With("@x", x).With("@y", y).With("@x1", x + size - 1).With("@y1", y + size - 1);

    public static Placement ReadPlacement(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetInt32(3),
        reader.GetInt32(4),
        reader.GetString(5),
        reader.GetInt64(6),
        reader.GetString(7),
        Text(reader, 8),
        Text(reader, 9),
        Text(reader, 10),
        Text(reader, 11),
        reader.GetString(12),
        reader.GetString(13),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
        Text(reader, 15),
        Text(reader, 16),
        reader.GetInt32(17),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(18)),
        reader.IsDBNull(19) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(19)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(20)));

    public static PlacementEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetInt32(3),
        reader.GetInt32(4),
        reader.GetString(5),
        reader.GetInt64(6),
        reader.GetInt64(7),
        reader.GetString(8),
        Text(reader, 9),
        reader.IsDBNull(10) ? null : (byte[])reader.GetValue(10),
        reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11));

    public static async Task<List<T>> ListAsync<T>(this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
