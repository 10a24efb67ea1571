using System.Security.Cryptography;

namespace Tessera.Verification.Challenges;

/// <summary>
/// Where challenge parameters come from: the operating system's CSPRNG in production (so no one can predict the next
/// prompt from earlier ones), or a seeded generator in tests (so a generator's output is reproducible).
/// </summary>
public sealed class ChallengeRandom
{
    public const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Random? _seeded;
    private readonly Lock _lock = new();

    private ChallengeRandom(Random? seeded) => _seeded = seeded;

    public static ChallengeRandom Secure() => new(null);

    public static ChallengeRandom Seeded(int seed) => new(new Random(seed));

    /// <summary>A uniform integer in <c>[minInclusive, maxExclusive)</c>.</summary>
    public int Next(int minInclusive, int maxExclusive)
    {
        if (_seeded is null)
        {
            return RandomNumberGenerator.GetInt32(minInclusive, maxExclusive);
        }

        // System.Random is not thread-safe; requests share this instance.
        lock (_lock)
        {
            return _seeded.Next(minInclusive, maxExclusive);
        }
    }

    public int Next(int maxExclusive) => Next(0, maxExclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public string Text(int length, string alphabet = Alphanumeric) =>
        string.Create(length, (this, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.Item1.Next(state.alphabet.Length)];
            }
        });

    /// <summary><paramref name="count"/> distinct items of <paramref name="items"/>, in random order.</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var copy = items.ToList();
        Shuffle(copy);
        return copy.GetRange(0, count);
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
