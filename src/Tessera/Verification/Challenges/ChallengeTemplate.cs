namespace Tessera.Verification.Challenges;

/// <summary>
/// One kind of challenge: it makes a fresh prompt and a correct answer from random parameters, and later judges an
/// answer by its key. <see cref="Name"/> is stored with the challenge, so judging finds the same template.
/// </summary>
/// <param name="Name">Stable id, e.g. <c>speed.sha256</c>.</param>
/// <param name="Category">One of <see cref="ChallengeCategory"/>.</param>
/// <param name="Generate">Makes the prompt, a correct answer (never stored) and the public form data judging needs.</param>
/// <param name="Key">
/// (form, answer) → the answer's key, or null when it does not follow the form. An answer is correct when its key equals
/// the key of the generated answer; only a keyed hash of that key is stored, so a copy of the database reveals no answer.
/// </param>
public sealed record ChallengeTemplate(
    string Name,
    string Category,
    Func<ChallengeRandom, GeneratedPrompt> Generate,
    Func<string, string, string?> Key)
{
    /// <summary>Whether <paramref name="answer"/> is as correct as <paramref name="expected"/> (both read with <paramref name="form"/>).</summary>
    public bool Accepts(string form, string expected, string answer) =>
        Key(form, answer) is { } given && Key(form, expected) is { } wanted && string.Equals(given, wanted, StringComparison.Ordinal);
}
