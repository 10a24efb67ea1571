using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;
using Tessera.Storage.Secrets;
using Tessera.Verification.Challenges;

namespace Tessera.Verification;

/// <summary>
/// The reverse Turing test: sessions of three fresh challenges, scored once on the server's clock, each answered
/// session issuing one token. Every rule that must hold across nodes (a session is answered once, a token is spent
/// once) is a conditional UPDATE in the database. Token use by the placement flow is in VerificationService.Tokens.cs.
/// </summary>
public sealed partial class VerificationService(
    TesseraDatabase database, ChallengeGenerator generator, ISecretProtector protector, IOptions<VerificationOptions> options, TimeProvider time,
    ILogger<VerificationService> logger)
{
    public const int ChallengesPerSession = 3;

    /// <summary>
    /// Expected answers are kept as a keyed hash (HMAC under the server's secret key) of their key, never in clear: a reader
    /// of the database cannot answer a session, and a plain hash of a small number could be reversed by trying them all.
    /// </summary>
    internal const string AnswerPurpose = "verification.answer";

    private VerificationOptions Options => options.Value;

    /// <summary>The configured mode (<c>Tessera:Verification:Mode</c>).</summary>
    public VerificationMode Mode => Options.Mode;

    /// <summary>The mode as the API writes it: <c>agent</c>, <c>human</c> or <c>open</c>.</summary>
    public string ModeName => Mode.ToString().ToLowerInvariant();

    /// <summary>The configured threshold (<c>Tessera:Verification:Threshold</c>, default 40).</summary>
    public int Threshold => Options.Threshold;

    public async Task<VerificationSession> StartAsync(string clientAddress, CancellationToken cancellationToken = default)
    {
        // Whole milliseconds, as stored: the expiry a client reads is the one the server enforces.
        var now = Milliseconds(time.GetUtcNow());
        var expiresAt = now + Options.SessionLifetime;
        var sessionId = Ids.New("vs_", 24);
        var generated = generator.NewSet();
        var challenges = generated.Select(challenge => new VerificationChallenge(Ids.New("ch_", 16), challenge.Category, challenge.Prompt)).ToList();

        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken))
        {
            await connection.Command(
                "INSERT INTO verification_sessions (id, client_ip, created_at, expires_at) VALUES (@id, @ip, @now, @expires)", transaction)
                .With("@id", sessionId).With("@ip", clientAddress)
                .With("@now", now.ToUnixTimeMilliseconds()).With("@expires", expiresAt.ToUnixTimeMilliseconds())
                .ExecuteAndDisposeAsync(cancellationToken);
            for (var i = 0; i < generated.Count; i++)
            {
                await connection.Command("""
                    INSERT INTO verification_challenges (id, session_id, position, category, template, prompt, form, expected)
                    VALUES (@id, @session, @position, @category, @template, @prompt, @form, @expected)
                    """, transaction)
                    .With("@id", challenges[i].Id).With("@session", sessionId).With("@position", i)
                    .With("@category", generated[i].Category).With("@template", generated[i].Template)
                    .With("@prompt", generated[i].Prompt).With("@form", generated[i].Form)
                    .With("@expected", protector.Hash(generated[i].ExpectedKey, AnswerPurpose))
                    .ExecuteAndDisposeAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        Log.SessionStarted(logger, sessionId, string.Join(", ", generated.Select(c => c.Template)));
        return new VerificationSession(sessionId, challenges, expiresAt);
    }

    /// <summary>
    /// Scores the answers to a session and issues its token. Fails with <c>validation_error</c> (shape, an unknown
    /// challenge, an answer over <see cref="VerificationOptions.MaxAnswerLength"/>), <c>session_not_found</c>,
    /// <c>session_already_answered</c> or <c>session_expired</c>.
    /// </summary>
    public async Task<Result<VerificationResult>> RespondAsync(
        string? sessionId, IReadOnlyList<ChallengeResponse>? responses, CancellationToken cancellationToken = default)
    {
        if (Validate(sessionId, responses) is { } invalid)
        {
            return invalid;
        }

        var now = Milliseconds(time.GetUtcNow());
        var session = await LoadAsync(sessionId!, cancellationToken);
        if (session is null)
        {
            return VerificationErrors.SessionNotFound;
        }

        if (session.AnsweredAt is not null)
        {
            return VerificationErrors.SessionAnswered;
        }

        if (now.ToUnixTimeMilliseconds() >= session.ExpiresAt)
        {
            return VerificationErrors.SessionExpired;
        }

        var byId = session.Challenges.ToDictionary(challenge => challenge.Id, StringComparer.Ordinal);
        if (responses!.FirstOrDefault(response => !byId.ContainsKey(response.ChallengeId!)) is { } stranger)
        {
            return Error.Validation($"challengeId '{stranger.ChallengeId}' is not a challenge of this session.");
        }

        // The server's clock alone measures speed: start → respond, the same for every challenge of the session.
        var elapsedMs = Math.Max(0, now.ToUnixTimeMilliseconds() - session.CreatedAt);
        var outcomes = responses!
            .Select(response => Judge(byId[response.ChallengeId!], response, elapsedMs))
            .OrderBy(outcome => byId[outcome.ChallengeId].Position)
            .ToList();
        var score = VerificationScoring.Score(outcomes.Select(outcome => outcome.Points));
        var passes = VerificationScoring.Passes(Options.Mode, Options.Threshold, score);
        var token = VerificationTokens.New();
        var tokenExpiresAt = now + Options.TokenLifetime;

        if (!await RecordAsync(session.Id, responses!, outcomes, score, passes, token, now, tokenExpiresAt, cancellationToken))
        {
            return VerificationErrors.SessionAnswered; // a concurrent respond won the conditional UPDATE
        }

        Log.SessionAnswered(logger, session.Id, score, passes, elapsedMs);
        var breakdown = outcomes.Select(outcome => outcome with { Points = Math.Round(outcome.Points, 2) }).ToList();
        return new VerificationResult(token, score, VerificationScoring.Interpret(score), passes, tokenExpiresAt, breakdown);
    }

    private Error? Validate(string? sessionId, IReadOnlyList<ChallengeResponse>? responses)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            return Error.Validation("sessionId is required.");
        }

        if (responses is null || responses.Count != ChallengesPerSession)
        {
            return Error.Validation($"responses must hold exactly {ChallengesPerSession} answers, one per challenge.");
        }

        if (responses.Any(response => string.IsNullOrWhiteSpace(response.ChallengeId)))
        {
            return Error.Validation("Every response needs a challengeId.");
        }

        if (responses.Select(response => response.ChallengeId).Distinct(StringComparer.Ordinal).Count() != ChallengesPerSession)
        {
            return Error.Validation("Each challenge must be answered exactly once.");
        }

        if (responses.Any(response => response.Answer is null))
        {
            return Error.Validation("Every response needs an answer.");
        }

        return responses.Any(response => response.Answer!.Length > Options.MaxAnswerLength)
            ? Error.Validation(string.Create(CultureInfo.InvariantCulture, $"An answer may be at most {Options.MaxAnswerLength} characters."))
            : null;
    }

    private ChallengeOutcome Judge(StoredChallenge challenge, ChallengeResponse response, long elapsedMs)
    {
        // A template a later version dropped can no longer judge; its challenge counts as wrong rather than failing the session.
        // The answer's key is compared with the stored hash in constant time.
        var correct = ChallengeGenerator.Template(challenge.Template)?.Key(challenge.Form, response.Answer!) is { } key
            && protector.HashMatches(key, challenge.Expected, AnswerPurpose);
        return new ChallengeOutcome(
            challenge.Id, challenge.Category, correct,
            VerificationScoring.Points(challenge.Category, correct, elapsedMs), VerificationScoring.MaxPoints(challenge.Category),
            elapsedMs, response.ResponseTimeMs);
    }

    private async Task<bool> RecordAsync(
        string sessionId, IReadOnlyList<ChallengeResponse> responses, IReadOnlyList<ChallengeOutcome> outcomes, int score, bool passes,
        string token, DateTimeOffset now, DateTimeOffset tokenExpiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        var answered = await connection.Command(
            "UPDATE verification_sessions SET answered_at = @now, score = @score WHERE id = @id AND answered_at IS NULL", transaction)
            .With("@now", now.ToUnixTimeMilliseconds()).With("@score", score).With("@id", sessionId)
            .ExecuteAndDisposeAsync(cancellationToken);
        if (answered != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        foreach (var outcome in outcomes)
        {
            var response = responses.First(r => r.ChallengeId == outcome.ChallengeId);
            await connection.Command(
                "UPDATE verification_challenges SET answer = @answer, reported_time_ms = @reported, correct = @correct, points = @points WHERE id = @id",
                transaction)
                .With("@answer", response.Answer).With("@reported", response.ResponseTimeMs).With("@correct", outcome.Correct ? 1 : 0)
                .With("@points", outcome.Points).With("@id", outcome.ChallengeId)
                .ExecuteAndDisposeAsync(cancellationToken);
        }

        await connection.Command("""
            INSERT INTO verification_tokens (token_hash, session_id, score, passes, created_at, expires_at)
            VALUES (@hash, @session, @score, @passes, @now, @expires)
            """, transaction)
            .With("@hash", VerificationTokens.Hash(token)).With("@session", sessionId).With("@score", score).With("@passes", passes ? 1 : 0)
            .With("@now", now.ToUnixTimeMilliseconds()).With("@expires", tokenExpiresAt.ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        StoredSession session;
        await using (var command = connection.Command(
            "SELECT created_at, expires_at, answered_at FROM verification_sessions WHERE id = @id").With("@id", sessionId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            session = new StoredSession(sessionId, Long(reader, 0), Long(reader, 1), reader.IsDBNull(2) ? null : Long(reader, 2), []);
        }

        await using (var command = connection.Command(
            "SELECT id, position, category, template, form, expected FROM verification_challenges WHERE session_id = @id ORDER BY position")
            .With("@id", sessionId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                session.Challenges.Add(new StoredChallenge(
                    reader.GetString(0), (int)Long(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        return session;
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    // Integer columns come back as int or long depending on the provider.
    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private sealed record StoredSession(string Id, long CreatedAt, long ExpiresAt, long? AnsweredAt, List<StoredChallenge> Challenges);

    /// <summary>A stored challenge: <see cref="Expected"/> is the keyed hash of the expected answer's key.</summary>
    private sealed record StoredChallenge(string Id, int Position, string Category, string Template, string Form, string Expected);
}
