using Tessera.Canvas.Placements;

namespace Tessera.Tests.Canvas.Placements;

public sealed class NearestFreeTests
{
    [Fact]
    public void Nearest_matches_a_brute_force_search_on_small_random_layouts()
    {
        var random = new Random(7);
        for (var layout = 0; layout < 60; layout++)
        {
            int width = random.Next(40, 160), height = random.Next(30, 120);
            var index = new PlacementIndex(width, height);
            var placed = new List<(int X, int Y, int Size)>();
            for (var attempt = 0; attempt < random.Next(5, 60); attempt++)
            {
                var size = random.Next(3, 30);
                if (size > Math.Min(width, height))
                {
                    continue;
                }

                int x = random.Next(0, width - size + 1), y = random.Next(0, height - size + 1);
                if (index.IsFree(x, y, size, 0))
                {
                    index.Upsert(new PlacementEntry(placed.Count + 1, $"p{placed.Count}", x, y, size, PlacementStatus.Active, 0, 1, "h", null, null, null));
                    placed.Add((x, y, size));
                }
            }

            for (var query = 0; query < 20; query++)
            {
                var size = random.Next(1, 40);
                int tx = random.Next(0, width), ty = random.Next(0, height);
                Assert.Equal(BruteForce(placed, width, height, tx, ty, size), NearestFree.Find(index, tx, ty, size, 0));
            }
        }
    }

    [Fact]
    public void Expired_reservations_do_not_block_and_a_full_canvas_has_no_nearest()
    {
        var index = new PlacementIndex(100, 100);
        index.Upsert(new PlacementEntry(1, "a", 0, 0, 100, PlacementStatus.PendingPayment, ExpiresAtMs: 1000, 1, "h", null, null, null));
        Assert.False(index.IsFree(10, 10, 10, 999));
        Assert.Null(NearestFree.Find(index, 10, 10, 10, 999));
        Assert.True(index.IsFree(10, 10, 10, 1000));
        Assert.Equal(new CanvasPoint(10, 10), NearestFree.Find(index, 10, 10, 10, 1000));
    }

    private static CanvasPoint? BruteForce(List<(int X, int Y, int Size)> placed, int width, int height, int tx, int ty, int size)
    {
        CanvasPoint? best = null;
        long bestDistance = long.MaxValue;
        for (var y = 0; y <= height - size; y++)
        {
            for (var x = 0; x <= width - size; x++)
            {
                if (placed.Any(p => p.X < x + size && x < p.X + p.Size && p.Y < y + size && y < p.Y + p.Size))
                {
                    continue;
                }

                var distance = (long)(x - tx) * (x - tx) + (long)(y - ty) * (y - ty);
                if (distance < bestDistance)
                {
                    // Scanning y, then x, ascending: the first at a distance wins the tie (by y, then x).
                    (best, bestDistance) = (new CanvasPoint(x, y), distance);
                }
            }
        }

        return best;
    }
}
