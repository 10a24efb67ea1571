using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>The SQL of the <c>pixel_writes</c> log (both providers).</summary>
internal static class PixelLog
{
    public const string After = """
        SELECT seq, account_id, created_at, payload FROM pixel_writes WHERE canvas = @canvas AND seq > @after ORDER BY seq LIMIT @limit
        """;

    public const string Oldest = "SELECT COALESCE(MIN(seq), 0) FROM pixel_writes WHERE canvas = @canvas";

    /// <summary>
    /// Rows per query. A row is at most ~0.5 MB (1000 pixels with 512-byte links), so a page is bounded at ~32 MB decoded
    /// and ~0.5 MB for typical colour-only bulks; 500 rows let one replaying reader hold a gigabyte.
    /// </summary>
    public const int Page = 64;

    /// <summary>Every write after <paramref name="after"/>, oldest first, <paramref name="pageSize"/> rows per query.</summary>
    public static async IAsyncEnumerable<PixelEvent> ReadAllAfterAsync(
        DbConnection connection, string canvas, long after, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await ReadAfterAsync(connection, canvas, after, pageSize, cancellationToken);
            foreach (var change in page)
            {
                yield return change;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    private static async Task<List<PixelEvent>> ReadAfterAsync(DbConnection connection, string canvas, long after, int limit, CancellationToken cancellationToken)
    {
        var events = new List<PixelEvent>();
        await using var reader = await connection.Command(After).With("@canvas", canvas).With("@after", after).With("@limit", limit)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new PixelEvent(
                canvas,
                reader.GetInt64(0),
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                PixelPayload.Decode((byte[])reader.GetValue(3))));
        }

        return events;
    }
}
