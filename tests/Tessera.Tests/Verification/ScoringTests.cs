using Tessera.Verification;
using Tessera.Verification.Challenges;

namespace Tessera.Tests.Verification;

/// <summary>The scoring curves and bands documented in docs/verification.md.</summary>
public sealed class ScoringTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(5_000, 98)]
    [InlineData(45_000, 60)]
    [InlineData(90_000, 38)]
    [InlineData(200_000, 30)]
    public void All_correct_scores_by_server_time(long elapsedMs, int score) =>
        Assert.Equal(score, VerificationScoring.Score(ChallengeCategory.All.Select(c => VerificationScoring.Points(c, true, elapsedMs))));

    [Fact]
    public void The_maximum_points_add_up_to_100() =>
        Assert.Equal(100, ChallengeCategory.All.Sum(VerificationScoring.MaxPoints));

    [Fact]
    public void Wrong_answers_score_nothing_however_fast() =>
        Assert.All(ChallengeCategory.All, c => Assert.Equal(0, VerificationScoring.Points(c, false, 0)));

    [Theory]
    [InlineData(2_000, 1.0)]
    [InlineData(31_000, 0.5)]
    [InlineData(60_000, 0.0)]
    [InlineData(600_000, 0.0)]
    public void Speed_decays_linearly_from_2_to_60_seconds(long elapsedMs, double factor) =>
        Assert.Equal(factor, VerificationScoring.Decay(elapsedMs, 2_000, 60_000), 6);

    [Theory]
    [InlineData(100, "almost certainly an AI agent")]
    [InlineData(80, "almost certainly an AI agent")]
    [InlineData(79, "likely an AI agent")]
    [InlineData(40, "possibly an AI agent")]
    [InlineData(39, "likely a human")]
    [InlineData(0, "almost certainly a human")]
    public void Scores_fall_into_bands(int score, string interpretation) =>
        Assert.Equal(interpretation, VerificationScoring.Interpret(score));

    [Theory]
    [InlineData(VerificationMode.Agent, 40, true)]
    [InlineData(VerificationMode.Agent, 39, false)]
    [InlineData(VerificationMode.Human, 39, true)]
    [InlineData(VerificationMode.Human, 40, false)]
    [InlineData(VerificationMode.Open, 0, true)]
    public void Modes_decide_what_passes(VerificationMode mode, int score, bool passes) =>
        Assert.Equal(passes, VerificationScoring.Passes(mode, 40, score));
}
