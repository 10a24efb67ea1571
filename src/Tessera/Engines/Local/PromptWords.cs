namespace Tessera.Engines.Local;

/// <summary>
/// A prompt cut into lower-case words (letters, digits and hyphens) and the pairs of adjacent words, so tables can
/// match both "neon" and "pixel art". Kept in prompt order: the first colour word named leads the palette.
/// </summary>
internal sealed class PromptWords
{
    private PromptWords(List<string> terms) => Terms = terms;

    /// <summary>Each word, followed by the pair it starts ("pixel", "pixel art", "art", ...).</summary>
    public IReadOnlyList<string> Terms { get; }

    public static PromptWords Parse(string prompt)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= prompt.Length; i++)
        {
            var inWord = i < prompt.Length && (char.IsLetterOrDigit(prompt[i]) || prompt[i] == '-');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(prompt[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        var terms = new List<string>(words.Count * 2);
        for (var i = 0; i < words.Count; i++)
        {
            terms.Add(words[i]);
            if (i + 1 < words.Count)
            {
                terms.Add(words[i] + " " + words[i + 1]);
            }
        }

        return new PromptWords(terms);
    }

    /// <summary>The value of the first term found in <paramref name="table"/>, in prompt order.</summary>
    public bool TryFirst<T>(IReadOnlyDictionary<string, T> table, out T value)
    {
        foreach (var term in Terms)
        {
            if (table.TryGetValue(term, out value!))
            {
                return true;
            }
        }

        value = default!;
        return false;
    }
}
