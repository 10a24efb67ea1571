namespace Tessera.Verification.Challenges;

/// <summary>
/// A challenge ready to store: which template made it, its category, its prompt, the public form data, a correct answer
/// (in memory only) and that answer's key, which the store hashes.
/// </summary>
public sealed record GeneratedChallenge(string Template, string Category, string Prompt, string Expected, string Form, string ExpectedKey);
