namespace Tessera.Verification.Challenges;

/// <summary>
/// One kind of challenge: it makes a fresh prompt and the expected answer from random parameters, and later judges an
/// answer against what it expected. <see cref="Name"/> is stored with the challenge, so judging finds the same template.
/// </summary>
/// <param name="Name">Stable id, e.g. <c>speed.sha256</c>.</param>
/// <param name="Category">One of <see cref="ChallengeCategory"/>.</param>
/// <param name="Generate">Makes the prompt and the expected answer (kept server-side only).</param>
/// <param name="Accepts">Whether an answer matches the expected value: (expected, answer) → correct.</param>
public sealed record ChallengeTemplate(
    string Name,
    string Category,
    Func<ChallengeRandom, GeneratedPrompt> Generate,
    Func<string, string, bool> Accepts);

