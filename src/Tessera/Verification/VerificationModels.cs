namespace Tessera.Verification;

/// <summary>A started session: its id, its three challenges (no answers) and when it stops accepting answers.</summary>
public sealed record VerificationSession(string SessionId, IReadOnlyList<VerificationChallenge> Challenges, DateTimeOffset ExpiresAt);

/// <summary>A challenge as the client sees it.</summary>
public sealed record VerificationChallenge(string Id, string Category, string Prompt);

/// <summary>One answer: <paramref name="ResponseTimeMs"/> is what the client says it took (recorded, not trusted).</summary>
public sealed record ChallengeResponse(string? ChallengeId, string? Answer, long? ResponseTimeMs);

/// <summary>The outcome of answering a session: the one-time token and how it was earned.</summary>
public sealed record VerificationResult(
    string SessionToken,
    int ConfidenceScore,
    string Interpretation,
    bool Passes,
    DateTimeOffset TokenExpiresAt,
    IReadOnlyList<ChallengeOutcome> Breakdown);

/// <summary>How one challenge scored; <paramref name="ServerTimeMs"/> (start → respond on the server's clock) is what counted.</summary>
public sealed record ChallengeOutcome(
    string ChallengeId,
    string Category,
    bool Correct,
    double Points,
    double MaxPoints,
    long ServerTimeMs,
    long? ReportedTimeMs);

/// <summary>What a token is now, read without spending it.</summary>
public enum TokenState
{
    Unknown,
    Valid,
    Spent,
    Expired,
}

/// <summary>A token's state, whether its score passes the mode it was issued under, its score and expiry (null when unknown).</summary>
public sealed record TokenCheck(TokenState State, bool Passes, int Score, DateTimeOffset? ExpiresAt)
{
    public static readonly TokenCheck Unknown = new(TokenState.Unknown, false, 0, null);
}

/// <summary>A token just spent: whether it passed and its score.</summary>
public sealed record SpentToken(bool Passes, int Score);
