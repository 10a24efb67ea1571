using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Engines;
using static Tessera.Tests.Engines.Http.ProviderTestKit;

namespace Tessera.Tests.Engines.Http;

public sealed class ReplicateEngineTests
{
    private static readonly Dictionary<string, string> Flux = new()
    {
        ["providerModel"] = "black-forest-labs/flux-1.1-pro",
        ["input.output_format"] = "png",
        ["input.safety_tolerance"] = "2",
    };

    /// <summary>A fake Replicate: predictions stay "processing" for <paramref name="pollsBeforeDone"/> polls, then end as <paramref name="finalStatus"/>.</summary>
    private static Action<WebApplication> Replicate(
        int pollsBeforeDone,
        string finalStatus = "succeeded",
        byte[]? file = null,
        Action<HttpRequest, JsonObject>? onCreate = null)
    {
        var polls = 0;
        return app =>
        {
            object Prediction(HttpRequest request, string status) => new
            {
                id = "p1",
                status,
                output = status == "succeeded" ? new[] { Url(request, "/files/a.png"), Url(request, "/files/b.png") } : null,
                error = status == "failed" ? "CUDA out of memory" : null,
                urls = new { get = Url(request, "/v1/predictions/p1"), cancel = Url(request, "/v1/predictions/p1/cancel") },
            };

            async Task<IResult> Create(HttpRequest request)
            {
                onCreate?.Invoke(request, (await JsonNode.ParseAsync(request.Body))!.AsObject());
                return Results.Json(Prediction(request, pollsBeforeDone == 0 ? finalStatus : "starting"), statusCode: 201);
            }

            app.MapPost("/v1/models/{owner}/{name}/predictions", Create);
            app.MapPost("/v1/predictions", Create);
            app.MapGet("/v1/predictions/p1", (HttpRequest request) =>
                Results.Json(Prediction(request, Interlocked.Increment(ref polls) >= pollsBeforeDone ? finalStatus : "processing")));
            app.MapPost("/v1/predictions/p1/cancel", (HttpRequest request) => Results.Json(Prediction(request, "canceled")));
            app.MapGet("/files/{name}", () => Results.Bytes(file ?? Png, "image/png"));
        };
    }

    private static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{path}";

    [Fact]
    public async Task Creates_a_prediction_polls_it_and_downloads_every_output()
    {
        JsonObject? body = null;
        string? prefer = null;
        string? authorization = null;
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: 2, onCreate: (request, sent) =>
        {
            body = sent;
            prefer = request.Headers["Prefer"];
            authorization = request.Headers.Authorization;
        }));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl, ("WaitSeconds", "5"));
        await using var _ = host;

        var result = await engine.RunAsync(Request("""{"prompt":"A castle","aspect_ratio":"16:9","seed":3,"webhook_url":"https://client.example/hook"}""", Flux), Ct);

        Assert.Equal(1, fake.Count("POST /v1/models/black-forest-labs/flux-1.1-pro/predictions"));
        Assert.Equal(2, fake.Count("GET /v1/predictions/p1"));
        Assert.Equal(("wait=5", "Bearer sk-test"), (prefer, authorization));
        var input = body!["input"]!.AsObject();
        Assert.Equal(("A castle", "16:9", 3), ((string?)input["prompt"], (string?)input["aspect_ratio"], (int?)input["seed"]));
        Assert.False(input.ContainsKey("webhook_url"));
        Assert.Equal(("png", 2), ((string?)input["output_format"], (int?)input["safety_tolerance"]));
        Assert.Equal(2, result.Outputs.Count);
        Assert.All(result.Outputs, output => Assert.Equal("image/png", output.ContentType));
        Assert.Equal("p1", (string?)result.Metadata!["prediction_id"]);
    }

    [Fact]
    public async Task A_versioned_model_is_created_through_the_predictions_endpoint()
    {
        JsonObject? body = null;
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: 0, onCreate: (_, sent) => body = sent));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl);
        await using var _ = host;

        await engine.RunAsync(Request("""{"prompt":"x"}""", new() { ["providerModel"] = "stability-ai/sdxl:39ed52f2a78e934b" }), Ct);

        Assert.Equal(1, fake.Count("POST /v1/predictions"));
        Assert.Equal("39ed52f2a78e934b", (string?)body!["version"]);
        Assert.Equal(0, fake.Count("GET /v1/predictions/p1"));
    }

    [Fact]
    public async Task A_failed_prediction_fails_for_good_with_its_error()
    {
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: 1, finalStatus: "failed"));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct));

        Assert.Equal(("provider_failed", false), (failure.Code, failure.Transient));
        Assert.Contains("CUDA out of memory", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_error_body_fails_for_good_with_its_detail()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/models/{owner}/{name}/predictions", () => Results.Json(
            new { title = "Input validation failed", detail = "- input.aspect_ratio: aspect_ratio must be one of the following", status = 422 },
            statusCode: 422)));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct));

        Assert.Equal(("provider_error", false), (failure.Code, failure.Transient));
        Assert.Contains("aspect_ratio must be one of", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_transient_and_the_next_attempt_succeeds()
    {
        var throttled = 0;
        var replicate = Replicate(pollsBeforeDone: 0);
        await using var fake = await FakeProvider.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Method == "POST" && Interlocked.Increment(ref throttled) == 1)
                {
                    context.Response.StatusCode = 429;
                    await context.Response.WriteAsJsonAsync(new { detail = "Request was throttled.", status = 429 });
                    return;
                }

                await next(context);
            });
            replicate(app);
        });
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct));
        var result = await engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct);

        Assert.Equal(("provider_rate_limited", true), (failure.Code, failure.Transient));
        Assert.Equal(2, result.Outputs.Count);
    }

    [Fact]
    public async Task A_prediction_past_the_engine_timeout_is_canceled_and_fails_as_transient_provider_timeout()
    {
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: int.MaxValue));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl, ("Timeout", "00:00:01.500"));
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct));

        Assert.Equal(("provider_timeout", true), (failure.Code, failure.Transient));
        Assert.Equal(1, fake.Count("POST /v1/predictions/p1/cancel"));
    }

    [Fact]
    public async Task Canceling_the_job_cancels_the_prediction()
    {
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: int.MaxValue));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl);
        await using var _ = host;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = engine.RunAsync(Request("""{"prompt":"x"}""", Flux), cancel.Token);
        // Cancel once the prediction exists and is being polled, as a job canceled mid-generation would be.
        while (fake.Count("GET /v1/predictions/p1") == 0)
        {
            await Task.Delay(10, Ct);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(1, fake.Count("POST /v1/predictions/p1/cancel"));
    }

    [Fact]
    public async Task Output_bytes_that_are_no_image_fail_for_good_as_bad_output()
    {
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: 0, file: Html));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct));

        Assert.Equal(("bad_output", false), (failure.Code, failure.Transient));
    }

    [Fact]
    public async Task An_output_larger_than_the_bound_is_refused()
    {
        await using var fake = await FakeProvider.StartAsync(Replicate(pollsBeforeDone: 0, file: [.. Png, .. new byte[200_000]]));
        var (host, engine) = await EngineAsync("replicate", fake.BaseUrl, ("MaxOutputBytes", "100000"));
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Flux), Ct));

        Assert.Equal(("bad_output", false), (failure.Code, failure.Transient));
        Assert.Contains("larger than 100000 bytes", failure.Message, StringComparison.Ordinal);
    }
}
