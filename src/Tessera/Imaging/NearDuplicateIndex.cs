using System.Numerics;

namespace Tessera.Imaging;

/// <summary>A hash found by <see cref="NearDuplicateIndex.Query"/>: its id and its Hamming distance from the query.</summary>
public readonly record struct NearDuplicate(long Id, int Distance);

/// <summary>
/// Finds every id whose 64-bit perceptual hash is within a Hamming distance (at most <see cref="MaxDistance"/>) of a
/// query, without scanning: multi-index hashing (Norouzi, Punjani and Fleet, "Fast search in Hamming space with
/// multi-index hashing", 2012). The hash is cut into 4 blocks of 16 bits, each with its own table; two hashes within
/// distance d agree to within ⌊d/4⌋ bits on at least one block (were every block ⌊d/4⌋ + 1 or more apart, the total
/// would exceed d), so a query probes, per block, the keys within ⌊d/4⌋ bits of its own (1 + 16 + 120 = 137 keys at
/// d = 8..10) and checks the candidates it finds exactly. At 100,000 uniformly random hashes a bucket holds 1.5 on
/// average: ~800 candidates for d = 10, against 100,000 for a scan.
/// Why not 11+ blocks with exact matches: blocks of 5–6 bits have only 64 keys each, so every probe returns 1/64 of
/// the index and a query checks ~17% of it. Why not a BK-tree: at radius 10 of 64 bits it visits most of the tree.
/// Thread-safe: many concurrent readers, one writer at a time (a reader-writer lock).
/// </summary>
public sealed class NearDuplicateIndex : IDisposable
{
    /// <summary>The largest distance a query may ask for (near duplicates; beyond ~10 of 64 bits pictures differ).</summary>
    public const int MaxDistance = 10;

    private const int Blocks = 4;
    private const int BlockBits = 16;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Slot → (id, hash); removal moves the last slot into the hole, so slots stay dense.</summary>
    private readonly List<long> _ids = [];
    private readonly List<ulong> _hashes = [];
    private readonly Dictionary<long, int> _slots = [];

    /// <summary>Per block, per 16-bit key: the slots whose hash has that key in that block (null while empty).</summary>
    private readonly List<int>?[][] _tables = Enumerable.Range(0, Blocks).Select(_ => new List<int>?[1 << BlockBits]).ToArray();

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _ids.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds <paramref name="id"/> with <paramref name="hash"/>, or replaces its hash when it is already in.</summary>
    public void Add(long id, ulong hash)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_slots.ContainsKey(id))
            {
                RemoveLocked(id);
            }

            var slot = _ids.Count;
            _ids.Add(id);
            _hashes.Add(hash);
            _slots[id] = slot;
            for (var block = 0; block < Blocks; block++)
            {
                (_tables[block][Key(hash, block)] ??= []).Add(slot);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes <paramref name="id"/>; false when it was not in.</summary>
    public bool Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveLocked(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Every id within <paramref name="maxDistance"/> (0–<see cref="MaxDistance"/>) of <paramref name="hash"/>, nearest first (ties by id).</summary>
    public IReadOnlyList<NearDuplicate> Query(ulong hash, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, MaxDistance);
        var radius = maxDistance / Blocks;
        var seen = new HashSet<int>();
        var found = new List<NearDuplicate>();
        _lock.EnterReadLock();
        try
        {
            for (var block = 0; block < Blocks; block++)
            {
                var table = _tables[block];
                var key = Key(hash, block);
                Probe(key, radius, 0, candidateKey =>
                {
                    if (table[candidateKey] is not { } bucket)
                    {
                        return;
                    }

                    foreach (var slot in bucket)
                    {
                        if (seen.Add(slot))
                        {
                            var distance = BitOperations.PopCount(hash ^ _hashes[slot]);
                            if (distance <= maxDistance)
                            {
                                found.Add(new NearDuplicate(_ids[slot], distance));
                            }
                        }
                    }
                });
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        found.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return found;
    }

    /// <summary>
    /// The 16-bit keys a search within <paramref name="maxDistance"/> of <paramref name="hash"/> probes in each of the 4
    /// blocks (block <c>b</c> is bits <c>16b</c>–<c>16b+15</c>, <see cref="BlockOf"/>): the same multi-index rule as
    /// <see cref="Query"/>, for a store that keeps the blocks in database indexes (the media library's near duplicates).
    /// A candidate found through any block still needs its exact distance checked.
    /// </summary>
    public static IReadOnlyList<int>[] ProbeKeys(ulong hash, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, MaxDistance);
        var keys = new IReadOnlyList<int>[Blocks];
        for (var block = 0; block < Blocks; block++)
        {
            var found = new List<int>();
            Probe(Key(hash, block), maxDistance / Blocks, 0, found.Add);
            keys[block] = found;
        }

        return keys;
    }

    /// <summary>Block <paramref name="block"/> (0–3) of <paramref name="hash"/>: bits <c>16 × block</c> up, as a 16-bit key.</summary>
    public static int BlockOf(ulong hash, int block) => Key(hash, block);

    /// <summary>The number of 16-bit blocks a hash is cut into.</summary>
    public const int BlockCount = Blocks;

    public void Dispose() => _lock.Dispose();

    private bool RemoveLocked(long id)
    {
        if (!_slots.Remove(id, out var slot))
        {
            return false;
        }

        var hash = _hashes[slot];
        for (var block = 0; block < Blocks; block++)
        {
            var key = Key(hash, block);
            var bucket = _tables[block][key]!;
            bucket.Remove(slot);
            if (bucket.Count == 0)
            {
                _tables[block][key] = null;
            }
        }

        var last = _ids.Count - 1;
        if (slot != last)
        {
            // The last slot moves into the hole: its buckets now point at the hole's number.
            var movedId = _ids[last];
            var movedHash = _hashes[last];
            _ids[slot] = movedId;
            _hashes[slot] = movedHash;
            _slots[movedId] = slot;
            for (var block = 0; block < Blocks; block++)
            {
                var bucket = _tables[block][Key(movedHash, block)]!;
                bucket[bucket.IndexOf(last)] = slot;
            }
        }

        _ids.RemoveAt(last);
        _hashes.RemoveAt(last);
        return true;
    }

    private static int Key(ulong hash, int block) => (int)((hash >> (block * BlockBits)) & 0xFFFF);

    /// <summary>Calls <paramref name="visit"/> with every key within <paramref name="radius"/> bits of <paramref name="key"/>, each once.</summary>
    private static void Probe(int key, int radius, int fromBit, Action<int> visit)
    {
        if (fromBit == 0)
        {
            visit(key);
        }

        if (radius == 0)
        {
            return;
        }

        for (var bit = fromBit; bit < BlockBits; bit++)
        {
            var flipped = key ^ (1 << bit);
            visit(flipped);
            Probe(flipped, radius - 1, bit + 1, visit);
        }
    }
}
