using Tessera.Canvas.Placements;
using Tessera.Storage;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

/// <summary>Reads the placements straight from the database, to check invariants against the arbiter itself.</summary>
internal static class PlacementInvariants
{
    public static async Task<List<(string Id, int X, int Y, int Size, string Status)>> ReadAsync(TesseraFactory factory, CancellationToken cancellationToken)
    {
        await using var connection = await factory.Database().OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT id, x, y, size, status FROM placements").ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, int, int, int, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4)));
        }

        return rows;
    }

    public static async Task<int> CountBlockingAsync(TesseraFactory factory, CancellationToken cancellationToken) =>
        (await ReadAsync(factory, cancellationToken)).Count(row => PlacementStatus.Blocks(row.Status));

    public static void AssertNoBlockingOverlap(IReadOnlyList<(string Id, int X, int Y, int Size, string Status)> rows)
    {
        var blocking = rows.Where(row => PlacementStatus.Blocks(row.Status)).ToList();
        for (var i = 0; i < blocking.Count; i++)
        {
            for (var j = i + 1; j < blocking.Count; j++)
            {
                var (p, q) = (blocking[i], blocking[j]);
                var overlap = p.X < q.X + q.Size && q.X < p.X + p.Size && p.Y < q.Y + q.Size && q.Y < p.Y + p.Size;
                Assert.False(overlap, $"{p.Id} ({p.X},{p.Y},{p.Size},{p.Status}) overlaps {q.Id} ({q.X},{q.Y},{q.Size},{q.Status})");
            }
        }
    }
}
