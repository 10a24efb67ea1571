namespace Tessera.Verification.Challenges;

/// <summary>A challenge ready to store: which template made it, its category, its prompt and its expected answer.</summary>
public sealed record GeneratedChallenge(string Template, string Category, string Prompt, string Expected);
