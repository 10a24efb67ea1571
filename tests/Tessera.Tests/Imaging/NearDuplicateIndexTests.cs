using System.Numerics;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>The index answers exactly what a brute-force scan answers, under adds, replacements and removals.</summary>
public sealed class NearDuplicateIndexTests
{
    private static List<NearDuplicate> Scan(Dictionary<long, ulong> all, ulong query, int maxDistance) =>
        all.Select(pair => new NearDuplicate(pair.Key, BitOperations.PopCount(pair.Value ^ query)))
            .Where(found => found.Distance <= maxDistance)
            .OrderBy(found => found.Distance).ThenBy(found => found.Id)
            .ToList();

    /// <summary>A hash <paramref name="bits"/> random bits away from <paramref name="hash"/>.</summary>
    private static ulong Flip(ulong hash, int bits, Random random)
    {
        var flipped = hash;
        while (BitOperations.PopCount(flipped ^ hash) < bits)
        {
            flipped ^= 1UL << random.Next(64);
        }

        return flipped;
    }

    [Fact]
    public void Queries_match_a_brute_force_scan_among_100000_random_hashes()
    {
        var random = new Random(42);
        using var index = new NearDuplicateIndex();
        var all = new Dictionary<long, ulong>();
        var centres = new List<ulong>();
        for (long id = 1; id <= 100_000; id++)
        {
            // A fifth of them cluster around 200 pictures at 0–12 bits, so there is something near to find.
            ulong hash;
            if (id % 5 == 0 && centres.Count > 0)
            {
                hash = Flip(centres[random.Next(centres.Count)], random.Next(13), random);
            }
            else
            {
                hash = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
                if (centres.Count < 200)
                {
                    centres.Add(hash);
                }
            }

            index.Add(id, hash);
            all[id] = hash;
        }

        Assert.Equal(100_000, index.Count);
        for (var q = 0; q < 300; q++)
        {
            var query = q % 2 == 0 ? Flip(centres[random.Next(centres.Count)], random.Next(8), random) : (ulong)random.NextInt64();
            var maxDistance = q % (NearDuplicateIndex.MaxDistance + 1);
            Assert.Equal(Scan(all, query, maxDistance), index.Query(query, maxDistance));
        }
    }

    [Fact]
    public void Removed_and_replaced_ids_are_found_only_as_they_now_are()
    {
        var random = new Random(7);
        using var index = new NearDuplicateIndex();
        var all = new Dictionary<long, ulong>();
        var basis = (ulong)random.NextInt64();
        for (long id = 0; id < 5_000; id++)
        {
            var hash = Flip(basis, random.Next(20), random);
            index.Add(id, hash);
            all[id] = hash;
        }

        for (var step = 0; step < 3_000; step++)
        {
            var id = (long)random.Next(6_000);
            if (random.Next(3) == 0)
            {
                Assert.Equal(all.Remove(id), index.Remove(id));
            }
            else
            {
                var hash = Flip(basis, random.Next(20), random);
                index.Add(id, hash);
                all[id] = hash;
            }
        }

        Assert.Equal(all.Count, index.Count);
        for (var distance = 0; distance <= NearDuplicateIndex.MaxDistance; distance++)
        {
            Assert.Equal(Scan(all, basis, distance), index.Query(basis, distance));
        }
    }

    [Fact]
    public void Results_are_sorted_by_distance_and_a_distance_over_ten_is_refused()
    {
        using var index = new NearDuplicateIndex();
        index.Add(3, 0b111);
        index.Add(1, 0);
        index.Add(2, 0b1);
        index.Add(4, ulong.MaxValue);
        Assert.Equal([new NearDuplicate(1, 0), new NearDuplicate(2, 1), new NearDuplicate(3, 3)], index.Query(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query(0, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query(0, -1));
        Assert.False(index.Remove(99));
    }

    [Fact]
    public async Task Many_readers_and_one_writer_run_at_once_without_losing_hashes()
    {
        using var index = new NearDuplicateIndex();
        for (long id = 0; id < 1_000; id++)
        {
            index.Add(id, (ulong)id * 0x9E3779B97F4A7C15UL);
        }

        var token = TestContext.Current.CancellationToken;
        var writer = Task.Run(() =>
        {
            for (long id = 1_000; id < 20_000; id++)
            {
                index.Add(id, (ulong)id * 0x9E3779B97F4A7C15UL);
                if (id % 3 == 0)
                {
                    index.Remove(id - 500);
                }
            }
        }, token);
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(() =>
        {
            // Id 7 is never removed: every reader finds it at distance 0 throughout.
            while (!writer.IsCompleted)
            {
                Assert.Contains(new NearDuplicate(7, 0), index.Query(unchecked(7UL * 0x9E3779B97F4A7C15UL), 4));
            }
        }, token)).ToArray();
        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(20_000 - Enumerable.Range(1_000, 19_000).Count(id => id % 3 == 0), index.Count);
    }
}
