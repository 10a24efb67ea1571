using Tessera.Verification.Challenges;

namespace Tessera.Tests.Verification;

/// <summary>Every template of every category, driven by fixed seeds: reproducible, solvable from its text, strict about wrong answers.</summary>
public sealed class ChallengeTemplateTests
{
    public static TheoryData<string> TemplateNames() =>
        [.. ChallengeCategory.All.SelectMany(ChallengeGenerator.Templates).Select(template => template.Name)];

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_template_makes_the_same_prompt_from_the_same_seed(string name)
    {
        var template = ChallengeGenerator.Template(name)!;
        var first = new ChallengeGenerator(ChallengeRandom.Seeded(42)).Generate(template);
        var second = new ChallengeGenerator(ChallengeRandom.Seeded(42)).Generate(template);
        Assert.Equal(first, second);
        Assert.Equal(template.Category, first.Category);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_template_makes_different_prompts_from_different_seeds(string name)
    {
        var template = ChallengeGenerator.Template(name)!;
        var prompts = Enumerable.Range(0, 20).Select(seed => new ChallengeGenerator(ChallengeRandom.Seeded(seed)).Generate(template).Prompt).ToHashSet();
        Assert.True(prompts.Count >= 19, $"{name}: only {prompts.Count} distinct prompts from 20 seeds");
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_solver_reading_only_the_prompt_is_accepted(string name)
    {
        var template = ChallengeGenerator.Template(name)!;
        var generator = new ChallengeGenerator(ChallengeRandom.Seeded(7));
        for (var i = 0; i < 200; i++)
        {
            var challenge = generator.Generate(template);
            var answer = ChallengeSolver.Solve(challenge.Prompt);
            Assert.True(template.Accepts(challenge.Form, challenge.Expected, answer), $"{name}: '{answer}' rejected for: {challenge.Prompt}");
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void The_expected_answer_never_appears_in_the_prompt_and_a_wrong_answer_is_rejected(string name)
    {
        var template = ChallengeGenerator.Template(name)!;
        var generator = new ChallengeGenerator(ChallengeRandom.Seeded(11));
        for (var i = 0; i < 50; i++)
        {
            var challenge = generator.Generate(template);
            var right = ChallengeSolver.Solve(challenge.Prompt);
            var other = ChallengeSolver.Solve(generator.Generate(template).Prompt);
            if (other != right)
            {
                Assert.False(template.Accepts(challenge.Form, challenge.Expected, other), $"{name}: another challenge's answer '{other}' accepted for: {challenge.Prompt}");
            }

            Assert.False(template.Accepts(challenge.Form, challenge.Expected, ""), $"{name}: an empty answer accepted");
            Assert.False(template.Accepts(challenge.Form, challenge.Expected, "x" + right), $"{name}: 'x{right}' accepted");
        }
    }

    [Fact]
    public void Sha256_prompt_is_checked_against_a_known_digest()
    {
        var template = ChallengeGenerator.Template("speed.sha256")!;
        var challenge = new ChallengeGenerator(ChallengeRandom.Seeded(1)).Generate(template);
        var input = System.Text.RegularExpressions.Regex.Match(challenge.Prompt, @"string (\S+) \(16").Groups[1].Value;
        Assert.Equal(16, input.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(input))), challenge.Expected);
        Assert.True(template.Accepts(challenge.Form, challenge.Expected, challenge.Expected.ToUpperInvariant()));
    }

    [Fact]
    public void A_set_has_one_challenge_per_category_in_order()
    {
        var set = new ChallengeGenerator(ChallengeRandom.Seeded(3)).NewSet();
        Assert.Equal(["speed", "self-identification", "reasoning"], set.Select(c => c.Category));
    }

    [Fact]
    public void Every_category_has_several_templates_and_all_are_used()
    {
        var generator = new ChallengeGenerator(ChallengeRandom.Seeded(5));
        foreach (var category in ChallengeCategory.All)
        {
            Assert.True(ChallengeGenerator.Templates(category).Count >= 5, category);
            var used = Enumerable.Range(0, 300).Select(_ => generator.Generate(category).Template).ToHashSet();
            Assert.Equal(ChallengeGenerator.Templates(category).Count, used.Count);
        }
    }
}
