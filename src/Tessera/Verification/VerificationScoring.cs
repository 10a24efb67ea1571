using Tessera.Verification.Challenges;

namespace Tessera.Verification;

/// <summary>
/// Points per challenge, from correctness and the server-measured time between <c>start</c> and <c>respond</c>
/// (the client's <c>responseTimeMs</c> is recorded, never used: DECISIONS.md). A wrong answer scores 0.
/// <list type="bullet">
/// <item>speed (max 40): 40 · decay(t, 2 s, 60 s)</item>
/// <item>self-identification (max 20): 20, whatever the time</item>
/// <item>reasoning (max 40): 10 + 30 · decay(t, 5 s, 120 s)</item>
/// </list>
/// decay(t, full, zero) is 1 up to <c>full</c>, falls linearly to 0 at <c>zero</c>. A program answering all three in
/// 5 s scores about 98; one taking 45 s about 60; a person who answers all correctly in 90 s and claims to be an AI
/// about 38, under the default threshold of 40. See docs/verification.md.
/// </summary>
public static class VerificationScoring
{
    public const int MaxScore = 100;

    public static double MaxPoints(string category) => category switch
    {
        ChallengeCategory.Speed => 40,
        ChallengeCategory.SelfIdentification => 20,
        ChallengeCategory.Reasoning => 40,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a challenge category."),
    };

    public static double Points(string category, bool correct, long elapsedMs)
    {
        if (!correct)
        {
            return 0;
        }

        return category switch
        {
            ChallengeCategory.Speed => 40 * Decay(elapsedMs, 2_000, 60_000),
            ChallengeCategory.SelfIdentification => 20,
            ChallengeCategory.Reasoning => 10 + (30 * Decay(elapsedMs, 5_000, 120_000)),
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a challenge category."),
        };
    }

    /// <summary>1 up to <paramref name="fullUntilMs"/>, then falling linearly to 0 at <paramref name="zeroAtMs"/>.</summary>
    public static double Decay(long elapsedMs, long fullUntilMs, long zeroAtMs) =>
        elapsedMs <= fullUntilMs ? 1
        : elapsedMs >= zeroAtMs ? 0
        : (zeroAtMs - elapsedMs) / (double)(zeroAtMs - fullUntilMs);

    /// <summary>The confidence score: the points' sum rounded to a whole number in 0–100.</summary>
    public static int Score(IEnumerable<double> points) =>
        Math.Clamp((int)Math.Round(points.Sum(), MidpointRounding.AwayFromZero), 0, MaxScore);

    public static string Interpret(int score) => score switch
    {
        >= 80 => "almost certainly an AI agent",
        >= 60 => "likely an AI agent",
        >= 40 => "possibly an AI agent",
        >= 20 => "likely a human",
        _ => "almost certainly a human",
    };

    /// <summary>Whether a score passes in <paramref name="mode"/>: agent needs ≥ threshold, human needs &lt; threshold, open always passes.</summary>
    public static bool Passes(VerificationMode mode, int threshold, int score) => mode switch
    {
        VerificationMode.Agent => score >= threshold,
        VerificationMode.Human => score < threshold,
        _ => true,
    };
}
