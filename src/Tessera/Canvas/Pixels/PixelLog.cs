using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Canvas.Pixels;

/// <summary>The SQL of the <c>pixel_writes</c> log (both providers).</summary>
internal static class PixelLog
{
    public const string After = """
        SELECT seq, account_id, created_at, payload FROM pixel_writes WHERE canvas = @canvas AND seq > @after ORDER BY seq LIMIT @limit
        """;

    private const int Page = 500;

    /// <summary>Every write after <paramref name="after"/>, oldest first, <see cref="Page"/> rows per query.</summary>
    public static async IAsyncEnumerable<PixelEvent> ReadAllAfterAsync(
        DbConnection connection, string canvas, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await ReadAfterAsync(connection, canvas, after, Page, cancellationToken);
            foreach (var change in page)
            {
                yield return change;
            }

            if (page.Count < Page)
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
