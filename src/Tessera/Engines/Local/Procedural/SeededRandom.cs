namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// SplitMix64: a tiny generator whose sequence for a seed is fixed by this code, not by the runtime
/// (<see cref="Random"/>'s seeded sequence may change between .NET versions, and a seed must keep its picture).
/// </summary>
internal struct SeededRandom(long seed)
{
    private ulong _state = (ulong)seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }

    /// <summary>A float in [0, 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    public float Range(float min, float max) => min + ((max - min) * NextFloat());

    /// <summary>An integer in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(NextUInt64() % (ulong)count);
}
