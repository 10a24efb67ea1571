using System.Text;

namespace Tessera.ReplaceFlow;

/// <summary>
/// The words of a headline worth searching for: letters and digits, lower-cased, 3 characters or more, English
/// function words left out, each once, at most <see cref="MaxKeywords"/> in headline order.
/// </summary>
public static class HeadlineKeywords
{
    public const int MaxKeywords = 8;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "into", "onto", "over", "under", "after", "before", "about", "are", "was", "were",
        "has", "have", "had", "his", "her", "its", "their", "our", "your", "this", "that", "these", "those", "will", "would",
        "can", "could", "not", "but", "all", "any", "more", "most", "new", "says", "said", "how", "why", "what", "who", "when",
        "where", "than", "then", "out", "off", "via", "per",
    };

    public static IReadOnlyList<string> Of(string? headline)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(headline))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var rune in (headline + " ").EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
                continue;
            }

            var word = current.ToString();
            current.Clear();
            if (word.Length >= 3 && !StopWords.Contains(word) && !words.Contains(word))
            {
                words.Add(word);
                if (words.Count == MaxKeywords)
                {
                    break;
                }
            }
        }

        return words;
    }
}
