using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Tests.Support;
using Tessera.Verification;
using Tessera.Verification.Challenges;

namespace Tessera.Tests.Verification;

/// <summary>
/// A Tessera server with a fake clock (time moves only when a test says so) and seeded challenges, and the calls a
/// client of <c>/bsap/api/verify/*</c> makes.
/// </summary>
public sealed class VerificationHost : IAsyncDisposable
{
    private VerificationHost(TesseraFactory factory, FakeTimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
        Client = factory.CreateClient();
    }

    public TesseraFactory Factory { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public VerificationService Service => Factory.Services.GetRequiredService<VerificationService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static VerificationHost Create(int seed = 1, string? mode = null, string? threshold = null, Action<TesseraFactory>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
        var factory = new TesseraFactory().WithServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(ChallengeRandom.Seeded(seed));
        });
        if (mode is not null)
        {
            factory.With("Tessera:Verification:Mode", mode);
        }

        if (threshold is not null)
        {
            factory.With("Tessera:Verification:Threshold", threshold);
        }

        configure?.Invoke(factory);

        return new VerificationHost(factory, clock);
    }

    public async Task<JsonElement> StartAsync()
    {
        var response = await Client.PostAsync("/bsap/api/verify/start", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public Task<HttpResponseMessage> RespondAsync(object body) => Client.PostAsJsonAsync("/bsap/api/verify/respond", body, Ct);

    /// <summary>Answers every challenge of <paramref name="session"/> with <paramref name="answer"/>(prompt) (default: solved).</summary>
    public Task<HttpResponseMessage> AnswerAsync(JsonElement session, Func<JsonElement, string>? answer = null, long reportedMs = 1234) =>
        RespondAsync(new
        {
            sessionId = session.GetProperty("sessionId").GetString(),
            responses = Challenges(session).Select(c => new
            {
                challengeId = c.GetProperty("id").GetString(),
                answer = (answer ?? Solved)(c),
                responseTimeMs = reportedMs,
            }).ToArray(),
        });

    /// <summary>Answers and expects 200: the respond body.</summary>
    public async Task<JsonElement> PassAsync(JsonElement session, Func<JsonElement, string>? answer = null, long reportedMs = 1234)
    {
        var response = await AnswerAsync(session, answer, reportedMs);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>A fresh session answered by the solver at once: a passing token in agent mode.</summary>
    public async Task<string> SolvedTokenAsync() =>
        (await PassAsync(await StartAsync())).GetProperty("sessionToken").GetString()!;

    public static string Solved(JsonElement challenge) => ChallengeSolver.Solve(challenge.GetProperty("prompt").GetString()!);

    public static JsonElement[] Challenges(JsonElement session) => [.. session.GetProperty("challenges").EnumerateArray()];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
