using System.Text.Json;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary><c>POST /api/verify/respond</c> body: <c>{sessionId, responses: [{challengeId, answer, responseTimeMs}]}</c>.</summary>
public sealed record VerifyRespondRequest(string? SessionId, IReadOnlyList<VerifyAnswer?>? Responses);

/// <summary>
/// One answer. <c>answer</c> is normally a string; a number, or the JSON object or array a self-identification prompt
/// asks for, is taken as its JSON text. <c>responseTimeMs</c> is recorded, not trusted.
/// </summary>
public sealed record VerifyAnswer(string? ChallengeId, JsonElement? Answer, double? ResponseTimeMs);

public sealed record VerifyStartResponse(string SessionId, IReadOnlyList<VerifyChallengeBody> Challenges, DateTimeOffset ExpiresAt);

public sealed record VerifyChallengeBody(string Id, string Category, string Prompt);

/// <summary>The seed's <c>{sessionToken, confidenceScore, interpretation, breakdown}</c>, plus whether the token passes, under which mode and threshold, and until when.</summary>
public sealed record VerifyRespondResponse(
    string SessionToken,
    int ConfidenceScore,
    string Interpretation,
    IReadOnlyList<VerifyBreakdownItem> Breakdown,
    bool Passes,
    string Mode,
    int Threshold,
    DateTimeOffset TokenExpiresAt);

public sealed record VerifyBreakdownItem(
    string ChallengeId,
    string Category,
    bool Correct,
    double Points,
    double MaxPoints,
    long ServerTimeMs,
    long? ReportedTimeMs);
