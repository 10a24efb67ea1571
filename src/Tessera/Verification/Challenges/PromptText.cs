using System.Globalization;

namespace Tessera.Verification.Challenges;

/// <summary>Numbers as prompts and expected answers write them: invariant culture, no group separators.</summary>
internal static class PromptText
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string List(IEnumerable<long> numbers) => string.Join(", ", numbers.Select(Number));

    public static List<long> RandomNumbers(ChallengeRandom random, int count, int min, int max) =>
        [.. Enumerable.Range(0, count).Select(_ => (long)random.Next(min, max))];
}
