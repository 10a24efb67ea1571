using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Tessera.Verification.Challenges;

/// <summary>
/// Whether a self-description claims to be a machine: any of these words in it ("an AI agent", "LLM", "a bot",
/// "Claude, a language model"). Honesty cannot be checked; this only reads what the responder says it is.
/// </summary>
public static partial class EntityClaim
{
    private static readonly FrozenSet<string> MachineWords = new[]
    {
        "ai", "agent", "bot", "robot", "chatbot", "llm", "model", "assistant", "program", "software", "machine",
        "algorithm", "computer", "autonomous", "artificial", "neural", "automated", "script", "gpt", "claude",
        "gemini", "llama", "mistral",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsMachine(string? description) =>
        !string.IsNullOrWhiteSpace(description)

        // "A.I." and "ai-agent" split into words the same way "AI agent" does.
        && NonWord().Split(description.Replace(".", "", StringComparison.Ordinal)).Any(MachineWords.Contains);

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
