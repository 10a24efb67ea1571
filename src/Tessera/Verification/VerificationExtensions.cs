using Tessera.Verification.Challenges;

namespace Tessera.Verification;

/// <summary>The Verification module's front door: options, the challenge generator (CSPRNG-driven) and the service.</summary>
public static class VerificationExtensions
{
    public static IHostApplicationBuilder AddVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section)
            .Validate(options => Enum.IsDefined(options.Mode), "Mode must be agent, human or open")
            .Validate(options => options.Threshold is >= 0 and <= VerificationScoring.MaxScore, "Threshold must be between 0 and 100")
            .Validate(options => options.SessionLifetime > TimeSpan.Zero && options.TokenLifetime > TimeSpan.Zero, "Lifetimes must be positive")
            .Validate(options => options.MaxAnswerLength > 0, "MaxAnswerLength must be positive")
            .Validate(options => options.SweepInterval > TimeSpan.Zero && options.Retention >= TimeSpan.Zero, "SweepInterval must be positive and Retention not negative")
            .ValidateOnStart();

        // Tests replace this registration with ChallengeRandom.Seeded(n) for reproducible prompts.
        builder.Services.AddSingleton(_ => ChallengeRandom.Secure());
        builder.Services.AddSingleton<ChallengeGenerator>();
        builder.Services.AddSingleton<VerificationService>();
        builder.Services.AddHostedService<VerificationSweeper>();
        return builder;
    }
}
