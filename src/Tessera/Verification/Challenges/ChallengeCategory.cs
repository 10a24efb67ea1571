namespace Tessera.Verification.Challenges;

/// <summary>The three categories of the seed doc; every session gets one challenge of each, in this order.</summary>
public static class ChallengeCategory
{
    public const string Speed = "speed";
    public const string SelfIdentification = "self-identification";
    public const string Reasoning = "reasoning";

    public static IReadOnlyList<string> All { get; } = [Speed, SelfIdentification, Reasoning];
}
