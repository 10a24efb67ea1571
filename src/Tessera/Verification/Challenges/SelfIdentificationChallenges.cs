using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tessera.Verification.Challenges;

/// <summary>
/// Self-identification: say what kind of entity you are, in a strict format that carries a fresh nonce. Correct means
/// the format is followed exactly, the nonce (or its asked-for transformation) is right, and the self-description
/// claims a machine (<see cref="EntityClaim"/>). The expected value holds what the check needs, lines joined by '\n'.
/// </summary>
public static partial class SelfIdentificationChallenges
{
    private static readonly string[] EntityLabels = ["entity", "kind", "type", "identity", "whatAreYou"];
    private static readonly string[] NonceLabels = ["nonce", "token", "code", "challenge"];

    public static IReadOnlyList<ChallengeTemplate> All { get; } =
    [
        new("self.json", ChallengeCategory.SelfIdentification, JsonObject, AcceptsJsonObject),
        new("self.line", ChallengeCategory.SelfIdentification, KeyValueLine, AcceptsKeyValueLine),
        new("self.tags", ChallengeCategory.SelfIdentification, Tags, AcceptsTags),
        new("self.lines", ChallengeCategory.SelfIdentification, TwoLines, AcceptsTwoLines),
        new("self.array", ChallengeCategory.SelfIdentification, JsonArray, AcceptsJsonArray),
    ];

    private static string Nonce(ChallengeRandom random) => random.Text(20);

    private static GeneratedPrompt JsonObject(ChallengeRandom random)
    {
        var entity = random.Pick(EntityLabels);
        var nonceLabel = random.Pick(NonceLabels);
        var nonce = Nonce(random);
        return new(
            $$"""What kind of entity are you: a human, or an AI agent, bot or language model? Answer with only this JSON object, filled in: {"{{entity}}": "<what you are>", "{{nonceLabel}}": "{{nonce}}"}""",
            $"{entity}\n{nonceLabel}\n{nonce}");
    }

    private static bool AcceptsJsonObject(string expected, string answer)
    {
        var (entity, nonceLabel, nonce) = Three(expected);
        using var document = TryParse(answer);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || root.EnumerateObject().Count() != 2)
        {
            return false;
        }

        return root.TryGetProperty(entity, out var what) && what.ValueKind == JsonValueKind.String && EntityClaim.IsMachine(what.GetString())
            && root.TryGetProperty(nonceLabel, out var given) && given.ValueKind == JsonValueKind.String && given.GetString() == nonce;
    }

    private static GeneratedPrompt KeyValueLine(ChallengeRandom random)
    {
        var entity = random.Pick(EntityLabels).ToUpperInvariant();
        var nonceLabel = random.Pick(NonceLabels).ToUpperInvariant();
        var separator = random.Pick([";", "|"]);
        var nonce = Nonce(random);
        return new(
            $"State what kind of entity you are (a human, or an AI agent, bot or language model). Reply with only one line in exactly this form: {entity}=<what you are>{separator}{nonceLabel}={nonce}",
            $"{entity}\n{nonceLabel}\n{nonce}\n{separator}");
    }

    private static bool AcceptsKeyValueLine(string expected, string answer)
    {
        var parts = expected.Split('\n');
        var (entity, nonceLabel, nonce, separator) = (parts[0], parts[1], parts[2], parts[3]);
        var line = answer.Trim();
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            return false;
        }

        var fields = line.Split(separator);
        return fields.Length == 2
            && fields[0].StartsWith(entity + "=", StringComparison.Ordinal) && EntityClaim.IsMachine(fields[0][(entity.Length + 1)..])
            && fields[1] == $"{nonceLabel}={nonce}";
    }

    private static GeneratedPrompt Tags(ChallengeRandom random)
    {
        var nonce = Nonce(random);
        return new(
            $"What kind of entity are you: a human, or an AI agent, bot or language model? Reply with only <entity>what you are</entity><nonce>{nonce}</nonce>",
            nonce);
    }

    private static bool AcceptsTags(string expected, string answer)
    {
        var match = TagsForm().Match(answer.Trim());
        return match.Success && EntityClaim.IsMachine(match.Groups[1].Value) && match.Groups[2].Value == expected;
    }

    private static GeneratedPrompt TwoLines(ChallengeRandom random)
    {
        var nonce = Nonce(random);
        var reversed = new string(nonce.Reverse().ToArray());
        return new(
            $"Reply with exactly two lines and nothing else. Line 1: the code {nonce} with its characters in reverse order. Line 2: what kind of entity you are (for example: human, AI agent, bot, language model).",
            reversed);
    }

    private static bool AcceptsTwoLines(string expected, string answer)
    {
        var lines = answer.Trim().Split('\n').Select(line => line.Trim()).ToArray();
        return lines.Length == 2 && lines[0] == expected && EntityClaim.IsMachine(lines[1]);
    }

    private static GeneratedPrompt JsonArray(ChallengeRandom random)
    {
        var nonce = Nonce(random);
        return new(
            $"Reply with only a JSON array of two strings: first, what kind of entity you are (a human, or an AI agent, bot or language model); second, the code {nonce} in upper case.",
            nonce.ToUpperInvariant());
    }

    private static bool AcceptsJsonArray(string expected, string answer)
    {
        using var document = TryParse(answer);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Array } root || root.GetArrayLength() != 2)
        {
            return false;
        }

        var (what, code) = (root[0], root[1]);
        return what.ValueKind == JsonValueKind.String && EntityClaim.IsMachine(what.GetString())
            && code.ValueKind == JsonValueKind.String && code.GetString() == expected;
    }

    private static (string, string, string) Three(string expected)
    {
        var parts = expected.Split('\n');
        return (parts[0], parts[1], parts[2]);
    }

    // An answer that is not JSON is a wrong answer, not a failure: parsing untrusted text is the only way to find out.
    private static JsonDocument? TryParse(string answer)
    {
        try
        {
            return JsonDocument.Parse(answer.Trim(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^<entity>([^<]{1,200})</entity>\s*<nonce>([^<]{1,100})</nonce>$")]
    private static partial Regex TagsForm();
}
