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

    // Each rule below turns an answer into its key: two answers are the same answer exactly when their keys are equal.
    // The server keeps only a keyed hash of the expected answer's key (docs/verification.md), so judging compares keys.
    // form is the template's public format data, unused by these generic rules.

    /// <summary>Same integer; digit-group separators (<c>,</c> <c>_</c> and spaces) are ignored. Key: the integer in invariant digits.</summary>
    public static string? Integer(string form, string answer) => IntegerKey(Clean(answer));

    /// <summary>Same words, case and runs of whitespace ignored. Key: the words upper-cased, single-spaced.</summary>
    public static string? Words(string form, string answer) => Collapse(Clean(answer)).ToUpperInvariant();

    /// <summary>Exactly the expected characters (case matters), after <see cref="Clean"/>.</summary>
    public static string? Exact(string form, string answer) => Clean(answer);

    /// <summary>The same integers in the same order, separated by commas and/or whitespace. Key: the integers joined by commas.</summary>
    public static string? IntegerList(string form, string answer)
    {
        var keys = new List<string>();
        foreach (var item in Clean(answer).Trim('[', ']').Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IntegerKey(item) is not { } key)
            {
                return null;
            }

            keys.Add(key);
        }

        return string.Join(',', keys);
    }

    private static string? IntegerKey(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (c is not (',' or '_' or ' '))
            {
                digits.Append(c);
            }
        }

        return BigInteger.TryParse(digits.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given)
            ? given.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
