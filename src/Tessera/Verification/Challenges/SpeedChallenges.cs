using System.Security.Cryptography;
using System.Text;

namespace Tessera.Verification.Challenges;

/// <summary>
/// Speed: work a program does in microseconds and a person needs a minute or more for (or cannot do by hand at all).
/// Correct answers score by how fast the whole session came back (<see cref="VerificationScoring"/>).
/// </summary>
public static class SpeedChallenges
{
    public static IReadOnlyList<ChallengeTemplate> All { get; } =
    [
        new("speed.sha256", ChallengeCategory.Speed, Sha256, AnswerMatch.Words),
        new("speed.sum", ChallengeCategory.Speed, Sum, AnswerMatch.Integer),
        new("speed.reverse", ChallengeCategory.Speed, Reverse, AnswerMatch.Exact),
        new("speed.product", ChallengeCategory.Speed, Product, AnswerMatch.Integer),
        new("speed.count", ChallengeCategory.Speed, CountLetter, AnswerMatch.Integer),
        new("speed.hex", ChallengeCategory.Speed, HexToDecimal, AnswerMatch.Integer),
        new("speed.sort", ChallengeCategory.Speed, Sort, AnswerMatch.IntegerList),
    ];

    private static GeneratedPrompt Sha256(ChallengeRandom random)
    {
        var input = random.Text(16);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
        return new($"Reply with only the SHA-256 digest, in lowercase hex, of the UTF-8 string {input} (16 characters: no quotes, no newline).", digest);
    }

    private static GeneratedPrompt Sum(ChallengeRandom random)
    {
        var numbers = PromptText.RandomNumbers(random, 12, 1000, 10_000);
        return new($"Reply with only the sum of these 12 numbers: {PromptText.List(numbers)}.", PromptText.Number(numbers.Sum()));
    }

    private static GeneratedPrompt Reverse(ChallengeRandom random)
    {
        var text = random.Text(40);
        var reversed = string.Create(text.Length, text, static (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            span.Reverse();
        });
        return new($"Reply with only this 40-character string written backwards (case matters): {text}", reversed);
    }

    private static GeneratedPrompt Product(ChallengeRandom random)
    {
        long a = random.Next(100_000, 1_000_000), b = random.Next(100_000, 1_000_000);
        return new($"Reply with only the exact product of {PromptText.Number(a)} and {PromptText.Number(b)}.", PromptText.Number(a * b));
    }

    private static GeneratedPrompt CountLetter(ChallengeRandom random)
    {
        // Eight letters over 120 places: about 15 of each, too many to count at a glance.
        const string Letters = "abcdefgh";
        var text = random.Text(120, Letters);
        var letter = Letters[random.Next(Letters.Length)];
        var count = text.Count(c => c == letter);
        return new($"How many times does the letter '{letter}' occur in this 120-character string? Reply with only the number. {text}", PromptText.Number(count));
    }

    private static GeneratedPrompt HexToDecimal(ChallengeRandom random)
    {
        // Eight hex digits with a non-zero lead: 0x10000000..0x7FFFFFFF.
        var value = random.Next(0x1000_0000, int.MaxValue);
        return new($"Reply with only the decimal value of the hexadecimal number 0x{value:X8}.", PromptText.Number(value));
    }

    private static GeneratedPrompt Sort(ChallengeRandom random)
    {
        var numbers = PromptText.RandomNumbers(random, 15, 100, 1000);
        return new(
            $"Reply with only these 15 numbers sorted in ascending order, separated by commas: {PromptText.List(numbers)}.",
            string.Join(',', numbers.Order().Select(n => PromptText.Number(n))));
    }
}
