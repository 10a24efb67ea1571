using Tessera.Media;

namespace Tessera.Tests.Media;

public sealed class LabCellsTests
{
    [Fact]
    public void Every_colour_within_the_radius_lies_in_a_cell_the_search_reads_and_far_cells_are_left_out()
    {
        var random = new Random(3);
        for (var query = 0; query < 200; query++)
        {
            var (l, a, b) = (random.NextDouble() * 100, (random.NextDouble() * 256) - 128, (random.NextDouble() * 256) - 128);
            var cells = LabCells.Around(l, a, b, 25).ToHashSet();
            Assert.True(cells.Count < 700, $"{cells.Count} cells");
            for (var i = 0; i < 200; i++)
            {
                // A point in the sphere of radius 25 (clamped into the gamut box, as stored colours are).
                var (dl, da, db) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
                var length = Math.Sqrt((dl * dl) + (da * da) + (db * db));
                var scale = random.NextDouble() * 25 / Math.Max(length, 1e-9);
                var point = (L: Math.Clamp(l + (dl * scale), 0, 100), A: Math.Clamp(a + (da * scale), -128, 127.99), B: Math.Clamp(b + (db * scale), -128, 127.99));
                Assert.Contains(LabCells.Of(point.L, point.A, point.B), cells);
            }
        }

        Assert.DoesNotContain(LabCells.Of(100, 100, 100), LabCells.Around(0, -100, -100, 25));
    }
}
