using Tessera.Canvas;

namespace Tessera.Tests.Canvas;

public sealed class LargestFreeSquareTests
{
    [Fact]
    public void The_largest_free_square_matches_a_brute_force_search_on_random_canvases()
    {
        var random = new Random(20260101);
        for (var round = 0; round < 300; round++)
        {
            var claims = new List<Claim>();
            for (var i = 0; i < random.Next(0, 6); i++)
            {
                claims.Add(new Claim(i, "omp", "acc", random.Next(0, 40), random.Next(0, 40), random.Next(1, 10), random.Next(1, 10), DateTimeOffset.UnixEpoch));
            }

            var (x, y, maxSide) = (random.Next(0, 40), random.Next(0, 40), random.Next(1, 30));
            var expected = 0;
            while (expected < maxSide && !claims.Any(c => c.Overlaps(x, y, expected + 1, expected + 1)))
            {
                expected++;
            }

            Assert.Equal(expected, ClaimService.LargestFreeSquare(claims, x, y, maxSide));
        }
    }
}
