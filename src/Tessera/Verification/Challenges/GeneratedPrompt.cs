namespace Tessera.Verification.Challenges;

/// <summary>
/// A prompt shown to the client, a correct answer (kept only as a keyed hash of its key), and the public form data the
/// template's judge needs (labels and separators the prompt already shows; empty for most templates).
/// </summary>
public readonly record struct GeneratedPrompt(string Prompt, string Expected, string Form = "");
