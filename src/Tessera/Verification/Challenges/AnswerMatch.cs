using System.Globalization;
using System.Numerics;
using System.Text;

namespace Tessera.Verification.Challenges;

/// <summary>
/// How answers are compared. Every prompt asks for "only" the value, so the rules are strict, with three
/// forgivenesses a careful program might still produce: surrounding whitespace, one pair of surrounding quotes or
/// backticks, and one trailing full stop.
/// </summary>
public static class AnswerMatch
{
    /// <summary>The answer with surrounding whitespace, one pair of quotes or backticks and one trailing '.' removed.</summary>
    public static string Clean(string answer)
    {
        var text = answer.Trim();
        if (text.Length >= 2 && text[0] == text[^1] && text[0] is '"' or '\'' or '`')
        {
            text = text[1..^1].Trim();
        }

        return text.EndsWith('.') ? text[..^1].TrimEnd() : text;
    }

    /// <summary>Same integer; digit-group separators (<c>,</c> <c>_</c> and spaces) are ignored.</summary>
    public static bool Integer(string expected, string answer)
    {
        var digits = new StringBuilder();
        foreach (var c in Clean(answer))
        {
            if (c is not (',' or '_' or ' '))
            {
                digits.Append(c);
            }
        }

        return BigInteger.TryParse(digits.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given)
            && given == BigInteger.Parse(expected, CultureInfo.InvariantCulture);
    }

    /// <summary>Same words, case and runs of whitespace ignored.</summary>
    public static bool Words(string expected, string answer) =>
        string.Equals(Collapse(Clean(answer)), Collapse(expected), StringComparison.OrdinalIgnoreCase);

    /// <summary>Exactly the expected characters (case matters), after <see cref="Clean"/>.</summary>
    public static bool Exact(string expected, string answer) => string.Equals(Clean(answer), expected, StringComparison.Ordinal);

    /// <summary>The same integers in the same order, separated by commas and/or whitespace.</summary>
    public static bool IntegerList(string expected, string answer)
    {
        var given = Clean(answer).Trim('[', ']').Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var wanted = expected.Split(',');
        return given.Length == wanted.Length && given.Zip(wanted).All(pair => Integer(pair.Second, pair.First));
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
