namespace Tessera.Verification;

/// <summary><c>Tessera:Verification</c>: the reverse Turing test's mode, threshold and lifetimes.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Tessera:Verification";

    public VerificationMode Mode { get; set; } = VerificationMode.Agent;

    /// <summary>The score (0–100) that separates agents (at or above) from people (below); the seed doc's 40.</summary>
    public int Threshold { get; set; } = 40;

    /// <summary>How long a started session may be answered.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a session token lives after the answers that earned it.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest answer accepted, in characters: every answer Tessera asks for fits in a few hundred.</summary>
    public int MaxAnswerLength { get; set; } = 2000;

    /// <summary>How often expired sessions and tokens are deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long expired sessions and tokens are kept (for audit) before the sweep deletes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);
}
