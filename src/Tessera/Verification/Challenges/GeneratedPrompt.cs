namespace Tessera.Verification.Challenges;

/// <summary>A prompt shown to the client and the expected answer the server keeps.</summary>
public readonly record struct GeneratedPrompt(string Prompt, string Expected);
