using System.Text.RegularExpressions;

namespace Tessera.Engines.Local.Text;

/// <summary>
/// The text a prompt asks to see in the picture: the first span in straight or curly double quotes
/// (<c>a sign saying "OPEN"</c>, <c>“Café”</c>), trimmed, at most <see cref="MaxChars"/> characters.
/// </summary>
internal static partial class QuotedText
{
    /// <summary>A sign's worth: longer quotes are cut (with an ellipsis) so the lettering stays legible.</summary>
    public const int MaxChars = 60;

    public static string? Find(string prompt)
    {
        var match = Quoted().Match(prompt);
        if (!match.Success)
        {
            return null;
        }

        var text = match.Groups[1].Value.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return text.Length <= MaxChars ? text : text[..(MaxChars - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex("[\"“”]([^\"“”\\r\\n]{1,400})[\"“”]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Quoted();
}
