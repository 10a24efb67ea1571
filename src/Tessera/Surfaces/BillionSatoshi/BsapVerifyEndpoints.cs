using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Verification;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>The reverse Turing test: <c>POST /api/verify/start</c> and <c>POST /api/verify/respond</c> (docs/verification.md).</summary>
public static class BsapVerifyEndpoints
{
    public static RouteGroupBuilder MapBsapVerify(this RouteGroupBuilder api)
    {
        api.MapPost("/verify/start", Start).RequireRateLimit(BillionSatoshiSurface.Policies.Verify)
            .Documented(BillionSatoshiSurface.Sections.ReverseTuringTest, "Start a Reverse Turing Test",
                "Start a Reverse Turing Test session. Returns 3 challenges (speed, self-identification, reasoning). Required before placing in agent mode. No body.",
                response: """{"sessionId":"...","challenges":[{"id":"...","category":"speed","prompt":"..."}],"expiresAt":"2026-01-01T00:05:00Z"}""");
        api.MapPost("/verify/respond", Respond)
            .Documented(BillionSatoshiSurface.Sections.ReverseTuringTest, "Answer the challenges",
                "Submit answers to all 3 challenges. Returns a bot confidence score (0–100) and a one-time session token (`sessionToken`), the `verificationToken` of a placement.",
                """{"sessionId":"...","responses":[{"challengeId":"...","answer":"...","responseTimeMs":850}]}""",
                """{"sessionToken":"...","confidenceScore":72,"interpretation":"likely agent","breakdown":[{"category":"speed","score":30}]}""");
        return api;
    }

    private static async Task<Ok<VerifyStartResponse>> Start(HttpContext context, VerificationService verification, CancellationToken ct)
    {
        var session = await verification.StartAsync(RatePartitioner.ClientAddress(context.Connection.RemoteIpAddress), ct);
        return TypedResults.Ok(new VerifyStartResponse(
            session.SessionId,
            [.. session.Challenges.Select(c => new VerifyChallengeBody(c.Id, c.Category, c.Prompt))],
            session.ExpiresAt));
    }

    private static async Task<Results<Ok<VerifyRespondResponse>, ErrorResult>> Respond(
        VerifyRespondRequest? request, VerificationService verification, CancellationToken ct)
    {
        var responses = request?.Responses?
            .Select(r => new ChallengeResponse(r?.ChallengeId, AnswerText(r?.Answer), Milliseconds(r?.ResponseTimeMs)))
            .ToList();
        var result = await verification.RespondAsync(request?.SessionId, responses, ct);
        if (!result.IsSuccess)
        {
            return new ErrorResult(result.Error);
        }

        var outcome = result.Value;
        return TypedResults.Ok(new VerifyRespondResponse(
            outcome.SessionToken,
            outcome.ConfidenceScore,
            outcome.Interpretation,
            [.. outcome.Breakdown.Select(b => new VerifyBreakdownItem(b.ChallengeId, b.Category, b.Correct, b.Points, b.MaxPoints, b.ServerTimeMs, b.ReportedTimeMs))],
            outcome.Passes,
            verification.ModeName,
            verification.Threshold,
            outcome.TokenExpiresAt));
    }

    private static string? AnswerText(JsonElement? answer) => answer switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => other.GetRawText(),
    };

    private static long? Milliseconds(double? value) =>
        value is { } ms && double.IsFinite(ms) ? (long)Math.Clamp(Math.Round(ms), long.MinValue, long.MaxValue) : null;
}
