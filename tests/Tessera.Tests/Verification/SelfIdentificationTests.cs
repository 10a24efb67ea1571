using Tessera.Verification.Challenges;

namespace Tessera.Tests.Verification;

/// <summary>Self-identification: the format must be exact, the nonce right, and the responder must say it is a machine.</summary>
public sealed class SelfIdentificationTests
{
    [Theory]
    [InlineData("an AI agent", true)]
    [InlineData("A.I.", true)]
    [InlineData("LLM", true)]
    [InlineData("Claude, a large language model", true)]
    [InlineData("autonomous ai-agent", true)]
    [InlineData("bot", true)]
    [InlineData("human", false)]
    [InlineData("a person", false)]
    [InlineData("", false)]
    [InlineData("maintained", false)] // "ai" inside a word does not count
    public void Entity_claims_are_read_as_whole_words(string description, bool machine) =>
        Assert.Equal(machine, EntityClaim.IsMachine(description));

    [Fact]
    public void Json_answer_needs_the_given_keys_the_nonce_and_a_machine_claim()
    {
        var template = ChallengeGenerator.Template("self.json")!;
        const string Form = "kind\ntoken";
        const string Expected = """{"kind": "AI agent", "token": "Abc123"}""";
        Assert.True(template.Accepts(Form, Expected, """{"kind": "AI agent", "token": "Abc123"}"""));
        Assert.False(template.Accepts(Form, Expected, """{"kind": "human", "token": "Abc123"}"""));
        Assert.False(template.Accepts(Form, Expected, """{"kind": "AI agent", "token": "abc123"}"""));
        Assert.False(template.Accepts(Form, Expected, """{"entity": "AI agent", "token": "Abc123"}"""));
        Assert.False(template.Accepts(Form, Expected, """{"kind": "AI agent", "token": "Abc123", "extra": 1}"""));
        Assert.False(template.Accepts(Form, Expected, """Sure! {"kind": "AI agent", "token": "Abc123"}"""));
        Assert.False(template.Accepts(Form, Expected, """{"kind": ["AI"], "token": "Abc123"}"""));
    }

    [Fact]
    public void Line_answer_needs_the_exact_labels_and_separator()
    {
        var template = ChallengeGenerator.Template("self.line")!;
        const string Form = "ENTITY\nNONCE\n;";
        const string Expected = "ENTITY=AI agent;NONCE=XyZ9";
        Assert.True(template.Accepts(Form, Expected, "ENTITY=an AI agent;NONCE=XyZ9"));
        Assert.False(template.Accepts(Form, Expected, "ENTITY=an AI agent|NONCE=XyZ9"));
        Assert.False(template.Accepts(Form, Expected, "entity=an AI agent;NONCE=XyZ9"));
        Assert.False(template.Accepts(Form, Expected, "ENTITY=a human;NONCE=XyZ9"));
        Assert.False(template.Accepts(Form, Expected, "ENTITY=bot;NONCE=XyZ9\nthanks"));
    }

    [Fact]
    public void Two_line_answer_needs_the_reversed_code_first()
    {
        var template = ChallengeGenerator.Template("self.lines")!;
        Assert.True(template.Accepts("", "cba\nAI agent", "cba\r\nAI"));
        Assert.False(template.Accepts("", "cba\nAI agent", "abc\nAI"));
        Assert.False(template.Accepts("", "cba\nAI agent", "cba\nAI\nreally"));
    }
}
