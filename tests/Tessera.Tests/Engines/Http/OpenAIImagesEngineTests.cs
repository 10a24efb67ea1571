using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Engines;
using static Tessera.Tests.Engines.Http.ProviderTestKit;

namespace Tessera.Tests.Engines.Http;

public sealed class OpenAIImagesEngineTests
{
    private static readonly Dictionary<string, string> GptImage = new() { ["providerModel"] = "gpt-image-1" };

    [Fact]
    public async Task Generates_images_from_b64_json_with_the_mapped_size_and_the_key()
    {
        JsonObject? sent = null;
        string? authorization = null;
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", async (HttpRequest request) =>
        {
            authorization = request.Headers.Authorization;
            sent = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var image = new { b64_json = Convert.ToBase64String(Png), revised_prompt = "A castle, detailed" };
            return Results.Json(new { created = 1_700_000_000, data = new[] { image, image } });
        }));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;

        var result = await engine.RunAsync(Request("""{"prompt":"A castle","aspect_ratio":"16:9","num_outputs":2,"seed":7}""", GptImage), Ct);

        Assert.Equal("Bearer sk-test", authorization);
        Assert.Equal("gpt-image-1", (string?)sent!["model"]);
        Assert.Equal("A castle", (string?)sent["prompt"]);
        Assert.Equal(2, (int?)sent["n"]);
        Assert.Equal("1536x1024", (string?)sent["size"]);
        Assert.Equal("b64_json", (string?)sent["response_format"]);
        Assert.False(sent.ContainsKey("seed"));
        Assert.Equal(2, result.Outputs.Count);
        Assert.All(result.Outputs, output => Assert.Equal(("image/png", OutputRoles.Image), (output.ContentType, output.Role)));
        Assert.Equal(Png, result.Outputs[0].Content.ToArray());
        Assert.Equal("A castle, detailed", (string?)result.Metadata!["revised_prompts"]![0]);
    }

    [Fact]
    public async Task Downloads_images_the_provider_returns_as_urls()
    {
        await using var fake = await FakeProvider.StartAsync(app =>
        {
            app.MapPost("/v1/images/generations", (HttpRequest request) =>
                Results.Json(new { created = 1, data = new[] { new { url = $"{request.Scheme}://{request.Host}/files/out.png" } } }));
            app.MapGet("/files/out.png", () => Results.Bytes(Png, "application/octet-stream"));
        });
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl, ("ResponseFormat", "url"));
        await using var _ = host;

        var result = await engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct);

        Assert.Equal("image/png", Assert.Single(result.Outputs).ContentType);
        Assert.Equal(1, fake.Count("GET /files/out.png"));
    }

    [Fact]
    public async Task A_provider_error_body_fails_the_attempt_for_good_with_the_providers_message()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", () => Results.Json(
            new { error = new { message = "Your request was rejected by the safety system.", type = "image_generation_user_error", code = "moderation_blocked" } },
            statusCode: 400)));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct));

        Assert.Equal("provider_error", failure.Code);
        Assert.False(failure.Transient);
        Assert.Contains("Your request was rejected by the safety system.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_transient_and_the_next_attempt_succeeds()
    {
        var calls = 0;
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", () => Interlocked.Increment(ref calls) == 1
            ? Results.Json(new { error = new { message = "Rate limit reached", type = "requests", code = "rate_limit_exceeded" } }, statusCode: 429)
            : Results.Json(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(Png) } } })));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct));
        var result = await engine.RunAsync(Request("""{"prompt":"x"}""", GptImage) with { Attempt = 2 }, Ct);

        Assert.Equal(("provider_rate_limited", true), (failure.Code, failure.Transient));
        Assert.Single(result.Outputs);
    }

    [Fact]
    public async Task A_5xx_is_transient()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", () => Results.Text("upstream broke", statusCode: 502)));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct));

        Assert.Equal(("provider_unavailable", true), (failure.Code, failure.Transient));
        Assert.Contains("upstream broke", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_slower_than_the_engine_timeout_fails_as_transient_provider_timeout()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Ok();
        }));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl, ("Timeout", "00:00:00.300"));
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct));

        Assert.Equal(("provider_timeout", true), (failure.Code, failure.Transient));
    }

    [Fact]
    public async Task Output_bytes_that_are_no_image_fail_for_good_as_bad_output()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", () =>
            Results.Json(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(Html) } } })));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct));

        Assert.Equal(("bad_output", false), (failure.Code, failure.Transient));
    }

    [Fact]
    public async Task A_provider_nobody_answers_at_is_transient()
    {
        // A port that was just free: nothing listens there.
        await using var closed = await FakeProvider.StartAsync(_ => { });
        var baseUrl = closed.BaseUrl;
        await closed.DisposeAsync();
        var (host, engine) = await EngineAsync("openai", baseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), Ct));

        Assert.Equal(("provider_unreachable", true), (failure.Code, failure.Transient));
    }

    [Fact]
    public async Task The_callers_cancellation_is_passed_through_not_turned_into_an_engine_failure()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Ok();
        }));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", GptImage), cancel.Token));
    }

    [Theory]
    [InlineData("1:1", "gpt-image-1", "1024x1024")]
    [InlineData("9:16", "gpt-image-1", "1024x1536")]
    [InlineData("21:9", "dall-e-3", "1792x1024")]
    [InlineData("3:4", "dall-e-2", "1024x1024")]
    public async Task The_aspect_ratio_maps_to_the_nearest_size_the_model_accepts(string ratio, string providerModel, string size)
    {
        string? sent = null;
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", async (HttpRequest request) =>
        {
            sent = (string?)(await JsonNode.ParseAsync(request.Body))!["size"];
            return Results.Json(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(Png) } } });
        }));
        var (host, engine) = await EngineAsync("openai", fake.BaseUrl);
        await using var _ = host;

        await engine.RunAsync(Request(JsonSerializer.Serialize(new { prompt = "x", aspect_ratio = ratio }), new() { ["providerModel"] = providerModel }), Ct);

        Assert.Equal(size, sent);
    }
}
