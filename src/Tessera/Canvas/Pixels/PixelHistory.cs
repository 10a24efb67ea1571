using System.Data.Common;
using System.Globalization;
using System.Text;
using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>The SQL of <c>pixel_history</c> (both providers): the rows of a write, a page of one pixel, pruning to a depth.</summary>
internal static class PixelHistory
{
    private const string Page = """
        SELECT seq, created_at, account_id, old_color, old_url, new_color, new_url FROM pixel_history
        WHERE canvas = @canvas AND x = @x AND y = @y AND seq < @before ORDER BY seq DESC LIMIT @limit
        """;

    /// <summary>
    /// Deletes all but the newest <c>@depth</c> rows of every pixel written after <c>@since</c> (found through the seq
    /// index, so a prune costs the pixels written since the last one, not the table).
    /// </summary>
    private const string Prune = """
        DELETE FROM pixel_history WHERE canvas = @canvas AND (x, y, seq) IN (
            SELECT x, y, seq FROM (
                SELECT h.x, h.y, h.seq, ROW_NUMBER() OVER (PARTITION BY h.x, h.y ORDER BY h.seq DESC) AS n
                FROM pixel_history h
                JOIN (SELECT DISTINCT x, y FROM pixel_history WHERE canvas = @canvas AND seq > @since AND seq <= @upto) t
                  ON h.x = t.x AND h.y = t.y
                WHERE h.canvas = @canvas) ranked
            WHERE n > @depth)
        """;

    /// <summary>
    /// One multi-row INSERT for the pixels of one write (6 parameters a pixel, 6,004 for a 1000-pixel bulk: under both
    /// providers' limits). Old values come from <paramref name="before"/>; new ones are what the raster will hold.
    /// </summary>
    public static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, string canvas, long seq, string accountId, long atMs,
        IReadOnlyList<PixelChange> changes, uint background, Func<int, int, (uint? Color, string? Url)> before, Action<int, int, uint?, string?> after)
    {
        var sql = new StringBuilder("INSERT INTO pixel_history (canvas, x, y, seq, account_id, created_at, old_color, old_url, new_color, new_url) VALUES ", 64 + (changes.Count * 48));
        await using var command = connection.Command("", transaction).With("@c", canvas).With("@s", seq).With("@a", accountId).With("@t", atMs);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var (oldColor, oldUrl) = before(change.X, change.Y);
            var newColor = change.Color ?? oldColor ?? (change.Url is null ? null : background); // as the raster paints it
            var newUrl = change.Url ?? oldUrl;
            after(change.X, change.Y, newColor, newUrl);
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(@c,@x{n},@y{n},@s,@a,@t,@oc{n},@ou{n},@nc{n},@nu{n})");
            Add(command, "@x" + n, change.X);
            Add(command, "@y" + n, change.Y);
            Add(command, "@oc" + n, oldColor is { } oc ? (int)oc : null);
            Add(command, "@ou" + n, oldUrl);
            Add(command, "@nc" + n, newColor is { } nc ? (int)nc : null);
            Add(command, "@nu" + n, newUrl);
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Adds a parameter without <c>With</c>'s look-up by name, which is linear: 6,000 of them would cost ~18 M compares.</summary>
    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The newest <paramref name="limit"/> changes of one pixel before seq <paramref name="before"/>, oldest first.</summary>
    public static async Task<PixelHistoryPage> ReadPageAsync(DbConnection connection, string canvas, int x, int y, long before, int limit, CancellationToken cancellationToken)
    {
        var entries = new List<PixelHistoryEntry>(Math.Min(limit + 1, 64));
        await using (var reader = await connection.Command(Page).With("@canvas", canvas).With("@x", x).With("@y", y).With("@before", before).With("@limit", limit + 1)
            .ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new PixelHistoryEntry(
                    reader.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : (uint)reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : (uint)reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        var more = entries.Count > limit;
        if (more)
        {
            entries.RemoveAt(entries.Count - 1);
        }

        entries.Reverse();
        return new PixelHistoryPage(entries, more ? entries[0].Seq : null);
    }

    /// <summary>Prunes the pixels written in (<paramref name="since"/>, <paramref name="upTo"/>] to <paramref name="depth"/> rows each.</summary>
    public static Task<int> PruneAsync(DbConnection connection, DbTransaction transaction, string canvas, long since, long upTo, int depth, CancellationToken cancellationToken) =>
        connection.Command(Prune, transaction).With("@canvas", canvas).With("@since", since).With("@upto", upTo).With("@depth", depth).ExecuteAndDisposeAsync(cancellationToken);
}
