using System.Net;
using System.Text.Json;
using Tessera.Tests.Support;
using Tessera.Tests.Verification;

namespace Tessera.Tests.Surfaces.BillionSatoshi;

/// <summary><c>POST /bsap/api/verify/start</c> and <c>/respond</c>: the reverse Turing test over HTTP.</summary>
public sealed class VerifyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_returns_three_challenges_one_per_category_with_no_answers()
    {
        await using var host = VerificationHost.Create();

        var session = await host.StartAsync();

        Assert.StartsWith("vs_", session.GetProperty("sessionId").GetString());
        Assert.Equal(host.Clock.GetUtcNow().AddMinutes(5), session.GetProperty("expiresAt").GetDateTimeOffset());
        var challenges = VerificationHost.Challenges(session);
        Assert.Equal(["speed", "self-identification", "reasoning"], challenges.Select(c => c.GetProperty("category").GetString()));
        Assert.Equal(3, challenges.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(challenges, c => Assert.Equal(["id", "category", "prompt"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["sessionId", "challenges", "expiresAt"], session.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Two_starts_give_different_prompts()
    {
        await using var host = VerificationHost.Create();

        var first = VerificationHost.Challenges(await host.StartAsync()).Select(c => c.GetProperty("prompt").GetString()).ToList();
        var second = VerificationHost.Challenges(await host.StartAsync()).Select(c => c.GetProperty("prompt").GetString()).ToList();

        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public async Task A_solver_answering_at_once_scores_high_and_gets_a_passing_token()
    {
        await using var host = VerificationHost.Create();
        var session = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromMilliseconds(1500));

        var body = await host.PassAsync(session);

        Assert.Equal(100, body.GetProperty("confidenceScore").GetInt32());
        Assert.Equal("almost certainly an AI agent", body.GetProperty("interpretation").GetString());
        Assert.True(body.GetProperty("passes").GetBoolean());
        Assert.Equal("agent", body.GetProperty("mode").GetString());
        Assert.Equal(40, body.GetProperty("threshold").GetInt32());
        Assert.Matches("^vt_[A-Za-z0-9_-]{43}$", body.GetProperty("sessionToken").GetString());
        Assert.Equal(host.Clock.GetUtcNow().AddMinutes(15), body.GetProperty("tokenExpiresAt").GetDateTimeOffset());
        var breakdown = body.GetProperty("breakdown").EnumerateArray().ToList();
        Assert.Equal(VerificationHost.Challenges(session).Select(c => c.GetProperty("id").GetString()), breakdown.Select(b => b.GetProperty("challengeId").GetString()));
        Assert.All(breakdown, b =>
        {
            Assert.True(b.GetProperty("correct").GetBoolean());
            Assert.Equal(b.GetProperty("maxPoints").GetDouble(), b.GetProperty("points").GetDouble());
            Assert.Equal(1500, b.GetProperty("serverTimeMs").GetInt64());
            Assert.Equal(1234, b.GetProperty("reportedTimeMs").GetInt64());
        });
    }

    [Fact]
    public async Task Wrong_answers_score_low_and_fail_in_agent_mode()
    {
        await using var host = VerificationHost.Create();

        var body = await host.PassAsync(await host.StartAsync(), _ => "42");

        Assert.Equal(0, body.GetProperty("confidenceScore").GetInt32());
        Assert.Equal("almost certainly a human", body.GetProperty("interpretation").GetString());
        Assert.False(body.GetProperty("passes").GetBoolean());
        Assert.All(body.GetProperty("breakdown").EnumerateArray(), b => Assert.Equal(0, b.GetProperty("points").GetDouble()));
    }

    [Fact]
    public async Task A_fixed_answer_list_replayed_against_a_new_session_fails()
    {
        await using var host = VerificationHost.Create(seed: 2024);
        var first = await host.StartAsync();
        var answers = VerificationHost.Challenges(first).Select(VerificationHost.Solved).ToArray();
        Assert.True((await host.PassAsync(first)).GetProperty("passes").GetBoolean());

        var second = await host.StartAsync();
        var replay = VerificationHost.Challenges(second).Select((c, i) => (Id: c.GetProperty("id").GetString(), Answer: answers[i])).ToDictionary(p => p.Id!, p => p.Answer);
        var body = await host.PassAsync(second, c => replay[c.GetProperty("id").GetString()!]);

        Assert.True(body.GetProperty("confidenceScore").GetInt32() < 40, body.ToString());
        Assert.False(body.GetProperty("passes").GetBoolean());
        Assert.All(body.GetProperty("breakdown").EnumerateArray(), b => Assert.False(b.GetProperty("correct").GetBoolean()));
    }

    [Fact]
    public async Task Slow_answers_score_lower_than_fast_ones()
    {
        await using var host = VerificationHost.Create();
        var fast = await host.StartAsync();
        var slow = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        var fastScore = (await host.PassAsync(fast)).GetProperty("confidenceScore").GetInt32();
        host.Clock.Advance(TimeSpan.FromSeconds(87));

        var slowBody = await host.PassAsync(slow);

        var slowScore = slowBody.GetProperty("confidenceScore").GetInt32();
        Assert.True(fastScore > slowScore, $"fast {fastScore}, slow {slowScore}");
        Assert.Equal(38, slowScore); // 90 s: speed 0, self-identification 20, reasoning 10 + 30·30/115
        Assert.False(slowBody.GetProperty("passes").GetBoolean());
        Assert.All(slowBody.GetProperty("breakdown").EnumerateArray(), b => Assert.Equal(90_000, b.GetProperty("serverTimeMs").GetInt64()));
    }

    [Fact]
    public async Task The_score_ignores_the_clients_reported_time()
    {
        await using var host = VerificationHost.Create();
        var honest = await host.StartAsync();
        var boastful = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(30));

        var honestBody = await host.PassAsync(honest, reportedMs: 30_000);
        var boastfulBody = await host.PassAsync(boastful, reportedMs: 1);

        Assert.Equal(honestBody.GetProperty("confidenceScore").GetInt32(), boastfulBody.GetProperty("confidenceScore").GetInt32());
        Assert.True(boastfulBody.GetProperty("confidenceScore").GetInt32() < 100);
        Assert.All(boastfulBody.GetProperty("breakdown").EnumerateArray(), b => Assert.Equal(1, b.GetProperty("reportedTimeMs").GetInt64()));
    }

    [Fact]
    public async Task A_session_is_answered_once()
    {
        await using var host = VerificationHost.Create();
        var session = await host.StartAsync();
        await host.PassAsync(session);

        var again = await host.AnswerAsync(session);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("session_already_answered", await CodeAsync(again));
    }

    [Fact]
    public async Task Racing_answers_to_one_session_issue_one_token()
    {
        await using var host = VerificationHost.Create();
        var session = await host.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.AnswerAsync(session)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task An_expired_session_answers_410()
    {
        await using var host = VerificationHost.Create();
        var session = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await host.AnswerAsync(session);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("session_expired", await CodeAsync(response));
    }

    [Fact]
    public async Task An_unknown_session_answers_404()
    {
        await using var host = VerificationHost.Create();
        var response = await host.RespondAsync(new
        {
            sessionId = "vs_nope",
            responses = new[] { new { challengeId = "a", answer = "1" }, new { challengeId = "b", answer = "2" }, new { challengeId = "c", answer = "3" } },
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("session_not_found", await CodeAsync(response));
    }

    [Fact]
    public async Task Malformed_requests_are_validation_errors()
    {
        await using var host = VerificationHost.Create();
        var session = await host.StartAsync();
        var id = session.GetProperty("sessionId").GetString();
        var ids = VerificationHost.Challenges(session).Select(c => c.GetProperty("id").GetString()).ToArray();
        object Item(string? challengeId, string? answer = "x") => new { challengeId, answer, responseTimeMs = 5 };

        object[] bodies =
        [
            new { responses = ids.Select(c => Item(c)).ToArray() },
            new { sessionId = id, responses = ids.Take(2).Select(c => Item(c)).ToArray() },
            new { sessionId = id, responses = ids.Append(ids[0]).Select(c => Item(c)).ToArray() },
            new { sessionId = id },
            new { sessionId = id, responses = new[] { Item(ids[0]), Item(ids[1]), Item("ch_someone_else") } },
            new { sessionId = id, responses = new[] { Item(ids[0]), Item(ids[1]), Item(ids[1]) } },
            new { sessionId = id, responses = new[] { Item(ids[0]), Item(ids[1]), Item(null) } },
            new { sessionId = id, responses = new[] { Item(ids[0]), Item(ids[1]), Item(ids[2], null) } },
            new { sessionId = id, responses = new[] { Item(ids[0]), Item(ids[1]), Item(ids[2], new string('a', 2001)) } },
        ];

        foreach (var body in bodies)
        {
            var response = await host.RespondAsync(body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validation_error", await CodeAsync(response));
        }

        // None of those used up the session.
        Assert.True((await host.PassAsync(session)).GetProperty("passes").GetBoolean());
    }

    [Fact]
    public async Task Malformed_json_is_invalid_json()
    {
        await using var host = VerificationHost.Create();
        using var content = new StringContent("{\"sessionId\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await host.Client.PostAsync("/bsap/api/verify/respond", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", await CodeAsync(response));
    }

    [Fact]
    public async Task Json_and_number_answers_are_taken_as_their_text()
    {
        await using var host = VerificationHost.Create();
        var session = await host.StartAsync();

        // An agent may send the JSON object a self-identification prompt asks for as JSON, and numbers as numbers.
        var response = await host.RespondAsync(new
        {
            sessionId = session.GetProperty("sessionId").GetString(),
            responses = VerificationHost.Challenges(session).Select(c => new
            {
                challengeId = c.GetProperty("id").GetString(),
                answer = AsJson(VerificationHost.Solved(c)),
                responseTimeMs = 12.7,
            }).ToArray(),
        });

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, body.GetProperty("confidenceScore").GetInt32());
        Assert.All(body.GetProperty("breakdown").EnumerateArray(), b => Assert.Equal(13, b.GetProperty("reportedTimeMs").GetInt64()));
    }

    [Theory]
    [InlineData("agent", true, false)]
    [InlineData("human", false, true)]
    [InlineData("open", true, true)]
    public async Task Modes_decide_which_scores_pass(string mode, bool solvedPasses, bool wrongPasses)
    {
        await using var host = VerificationHost.Create(mode: mode);

        var solved = await host.PassAsync(await host.StartAsync());
        var wrong = await host.PassAsync(await host.StartAsync(), _ => "?");

        Assert.Equal(mode, solved.GetProperty("mode").GetString());
        Assert.Equal(solvedPasses, solved.GetProperty("passes").GetBoolean());
        Assert.Equal(wrongPasses, wrong.GetProperty("passes").GetBoolean());
        Assert.Equal(solvedPasses, (await host.Service.CheckTokenAsync(solved.GetProperty("sessionToken").GetString(), Ct)).Passes);
        Assert.Equal(wrongPasses, (await host.Service.CheckTokenAsync(wrong.GetProperty("sessionToken").GetString(), Ct)).Passes);
    }

    [Fact]
    public async Task The_threshold_is_configurable()
    {
        await using var host = VerificationHost.Create(threshold: "99");
        var session = await host.StartAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(10));

        var body = await host.PassAsync(session);

        Assert.Equal(99, body.GetProperty("threshold").GetInt32());
        Assert.True(body.GetProperty("confidenceScore").GetInt32() is > 80 and < 99);
        Assert.False(body.GetProperty("passes").GetBoolean());
    }

    [Fact]
    public async Task Starting_is_rate_limited_per_address()
    {
        await using var host = VerificationHost.Create();
        for (var i = 0; i < 20; i++)
        {
            await host.StartAsync();
        }

        var response = await host.Client.PostAsync("/bsap/api/verify/start", null, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("rate_limit_exceeded", await CodeAsync(response));
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        await host.StartAsync();
    }

    // A self-identification answer that is itself JSON goes as JSON; a whole number goes as a number; the rest as strings.
    private static JsonElement AsJson(string answer) =>
        answer.StartsWith('{') || answer.StartsWith('[') || (long.TryParse(answer, out _) && !answer.StartsWith('0'))
            ? JsonDocument.Parse(answer).RootElement.Clone()
            : JsonSerializer.SerializeToElement(answer);

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("code").GetString();
}
