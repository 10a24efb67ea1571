using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tessera.Verification.Challenges;

/// <summary>
/// Self-identification: say what kind of entity you are, in a strict format that carries a fresh nonce. Correct means
/// the format is followed exactly, the nonce (or its asked-for transformation) is right, and the self-description
/// claims a machine (<see cref="EntityClaim"/>). The key of an answer is its nonce part, read only when the format holds
/// and the claim is a machine's; the labels and separator the prompt shows are the public form (lines joined by '\n').
/// </summary>
public static partial class SelfIdentificationChallenges
{
    private static readonly string[] EntityLabels = ["entity", "kind", "type", "identity", "whatAreYou"];
    private static readonly string[] NonceLabels = ["nonce", "token", "code", "challenge"];

    public static IReadOnlyList<ChallengeTemplate> All { get; } =
    [
        new("self.json", ChallengeCategory.SelfIdentification, JsonObject, JsonObjectKey),
        new("self.line", ChallengeCategory.SelfIdentification, KeyValueLine, KeyValueLineKey),
        new("self.tags", ChallengeCategory.SelfIdentification, Tags, TagsKey),
        new("self.lines", ChallengeCategory.SelfIdentification, TwoLines, TwoLinesKey),
        new("self.array", ChallengeCategory.SelfIdentification, JsonArray, JsonArrayKey),
    ];

    // What the generated correct answers say they are (any machine claim would do).
    private const string Machine = "AI agent";

    private static string Nonce(ChallengeRandom random) => random.Text(20);

    private static GeneratedPrompt JsonObject(ChallengeRandom random)
    {
        var entity = random.Pick(EntityLabels);
        var nonceLabel = random.Pick(NonceLabels);
        var nonce = Nonce(random);
        return new(
            $$"""What kind of entity are you: a human, or an AI agent, bot or language model? Answer with only this JSON object, filled in: {"{{entity}}": "<what you are>", "{{nonceLabel}}": "{{nonce}}"}""",
            JsonSerializer.Serialize(new Dictionary<string, string> { [entity] = Machine, [nonceLabel] = nonce }),
            $"{entity}\n{nonceLabel}");
    }

    private static string? JsonObjectKey(string form, string answer)
    {
        var (entity, nonceLabel) = Two(form);
        using var document = TryParse(answer);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || root.EnumerateObject().Count() != 2)
        {
            return null;
        }

        return root.TryGetProperty(entity, out var what) && what.ValueKind == JsonValueKind.String && EntityClaim.IsMachine(what.GetString())
            && root.TryGetProperty(nonceLabel, out var given) && given.ValueKind == JsonValueKind.String
            ? given.GetString()
            : null;
    }

    private static GeneratedPrompt KeyValueLine(ChallengeRandom random)
    {
        var entity = random.Pick(EntityLabels).ToUpperInvariant();
        var nonceLabel = random.Pick(NonceLabels).ToUpperInvariant();
        var separator = random.Pick([";", "|"]);
        var nonce = Nonce(random);
        return new(
            $"State what kind of entity you are (a human, or an AI agent, bot or language model). Reply with only one line in exactly this form: {entity}=<what you are>{separator}{nonceLabel}={nonce}",
            $"{entity}={Machine}{separator}{nonceLabel}={nonce}",
            $"{entity}\n{nonceLabel}\n{separator}");
    }

    private static string? KeyValueLineKey(string form, string answer)
    {
        var parts = form.Split('\n');
        var (entity, nonceLabel, separator) = (parts[0], parts[1], parts[2]);
        var line = answer.Trim();
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var fields = line.Split(separator);
        return fields.Length == 2
            && fields[0].StartsWith(entity + "=", StringComparison.Ordinal) && EntityClaim.IsMachine(fields[0][(entity.Length + 1)..])
            && fields[1].StartsWith(nonceLabel + "=", StringComparison.Ordinal)
            ? fields[1][(nonceLabel.Length + 1)..]
            : null;
    }

    private static GeneratedPrompt Tags(ChallengeRandom random)
    {
        var nonce = Nonce(random);
        return new(
            $"What kind of entity are you: a human, or an AI agent, bot or language model? Reply with only <entity>what you are</entity><nonce>{nonce}</nonce>",
            $"<entity>{Machine}</entity><nonce>{nonce}</nonce>");
    }

    private static string? TagsKey(string form, string answer)
    {
        var match = TagsForm().Match(answer.Trim());
        return match.Success && EntityClaim.IsMachine(match.Groups[1].Value) ? match.Groups[2].Value : null;
    }

    private static GeneratedPrompt TwoLines(ChallengeRandom random)
    {
        var nonce = Nonce(random);
        var reversed = new string(nonce.Reverse().ToArray());
        return new(
            $"Reply with exactly two lines and nothing else. Line 1: the code {nonce} with its characters in reverse order. Line 2: what kind of entity you are (for example: human, AI agent, bot, language model).",
            $"{reversed}\n{Machine}");
    }

    private static string? TwoLinesKey(string form, string answer)
    {
        var lines = answer.Trim().Split('\n').Select(line => line.Trim()).ToArray();
        return lines.Length == 2 && EntityClaim.IsMachine(lines[1]) ? lines[0] : null;
    }

    private static GeneratedPrompt JsonArray(ChallengeRandom random)
    {
        var nonce = Nonce(random);
        return new(
            $"Reply with only a JSON array of two strings: first, what kind of entity you are (a human, or an AI agent, bot or language model); second, the code {nonce} in upper case.",
            JsonSerializer.Serialize((string[])[Machine, nonce.ToUpperInvariant()]));
    }

    private static string? JsonArrayKey(string form, string answer)
    {
        using var document = TryParse(answer);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Array } root || root.GetArrayLength() != 2)
        {
            return null;
        }

        var (what, code) = (root[0], root[1]);
        return what.ValueKind == JsonValueKind.String && EntityClaim.IsMachine(what.GetString()) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
    }

    private static (string, string) Two(string form)
    {
        var parts = form.Split('\n');
        return (parts[0], parts[1]);
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
