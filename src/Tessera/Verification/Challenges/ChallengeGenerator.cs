using System.Collections.Frozen;

namespace Tessera.Verification.Challenges;

/// <summary>Makes a session's three challenges (one per category, each from a randomly chosen template) and finds a template again by name.</summary>
public sealed class ChallengeGenerator(ChallengeRandom random)
{
    private static readonly FrozenDictionary<string, IReadOnlyList<ChallengeTemplate>> ByCategory =
        new Dictionary<string, IReadOnlyList<ChallengeTemplate>>
        {
            [ChallengeCategory.Speed] = SpeedChallenges.All,
            [ChallengeCategory.SelfIdentification] = SelfIdentificationChallenges.All,
            [ChallengeCategory.Reasoning] = ReasoningChallenges.All,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ChallengeTemplate> ByName =
        ByCategory.Values.SelectMany(templates => templates).ToFrozenDictionary(template => template.Name, StringComparer.Ordinal);

    public static IReadOnlyList<ChallengeTemplate> Templates(string category) => ByCategory[category];

    /// <summary>The template a stored challenge was made by; null for a name no longer known (a later version dropped it).</summary>
    public static ChallengeTemplate? Template(string name) => ByName.GetValueOrDefault(name);

    public IReadOnlyList<GeneratedChallenge> NewSet() => [.. ChallengeCategory.All.Select(Generate)];

    public GeneratedChallenge Generate(string category)
    {
        var template = random.Pick(ByCategory[category]);
        return Generate(template);
    }

    public GeneratedChallenge Generate(ChallengeTemplate template)
    {
        var (prompt, expected, form) = template.Generate(random);
        var key = template.Key(form, expected)
            ?? throw new InvalidOperationException($"Template {template.Name} generated an answer its own judge rejects.");
        return new GeneratedChallenge(template.Name, template.Category, prompt, expected, form, key);
    }
}
