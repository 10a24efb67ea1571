using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Engines;
using static Tessera.Tests.Engines.Http.ProviderTestKit;

namespace Tessera.Tests.Engines.Http;

/// <summary>The Gemini API's two image formats against a local fake that checks what Google checks: the key header, the
/// model in the path, the body's fields.</summary>
public sealed class GeminiImagesEngineTests
{
    private static readonly Dictionary<string, string> Imagen = new() { ["providerModel"] = "imagen-4.0-fast-generate-001" };
    private static readonly Dictionary<string, string> FlashImage = new() { ["providerModel"] = "gemini-2.5-flash-image" };

    /// <summary>A fake Imagen <c>:predict</c>: 401-style Google error without the right key, else sampleCount PNGs.</summary>
    private static Task<FakeProvider> FakeImagenAsync(List<(string? Key, string? Authorization, JsonObject Body, string Path)> seen, string expectedKey) =>
        FakeProvider.StartAsync(app => app.MapPost("/v1beta/models/{model}", async (HttpRequest request, string model) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            lock (seen)
            {
                seen.Add((request.Headers["x-goog-api-key"], request.Headers.Authorization, body, request.Path));
            }

            if (request.Headers["x-goog-api-key"] != expectedKey)
            {
                return Results.Json(new { error = new { code = 400, message = "API key not valid. Please pass a valid API key.", status = "INVALID_ARGUMENT" } }, statusCode: 400);
            }

            if (!model.EndsWith(":predict", StringComparison.Ordinal) || body["instances"]?[0]?["prompt"] is null)
            {
                return Results.Json(new { error = new { code = 400, message = "bad request", status = "INVALID_ARGUMENT" } }, statusCode: 400);
            }

            var count = (int?)body["parameters"]?["sampleCount"] ?? 4;
            return Results.Json(new { predictions = Enumerable.Range(0, count).Select(_ => new { mimeType = "image/png", bytesBase64Encoded = Convert.ToBase64String(Png) }) });
        }));

    [Fact]
    public async Task Imagen_predict_sends_the_key_header_model_prompt_sample_count_and_nearest_aspect_ratio()
    {
        var seen = new List<(string? Key, string? Authorization, JsonObject Body, string Path)>();
        await using var fake = await FakeImagenAsync(seen, "AIza-configured");
        var (host, engine) = await EngineAsync("gemini", fake.BaseUrl, ("ApiKey", "AIza-configured"));
        await using var _ = host;

        var result = await engine.RunAsync(Request("""{"prompt":"A lighthouse","aspect_ratio":"21:9","num_outputs":3}""", Imagen), Ct);

        Assert.Equal(3, result.Outputs.Count);
        Assert.All(result.Outputs, output => Assert.Equal(("image/png", OutputRoles.Image), (output.ContentType, output.Role)));
        var call = Assert.Single(seen);
        Assert.Equal("/v1beta/models/imagen-4.0-fast-generate-001:predict", call.Path);
        Assert.Equal("AIza-configured", call.Key);
        Assert.Null(call.Authorization); // a Bearer value would be read as an OAuth token
        Assert.Equal("A lighthouse", (string?)call.Body["instances"]![0]!["prompt"]);
        Assert.Equal(3, (int?)call.Body["parameters"]!["sampleCount"]);
        Assert.Equal("16:9", (string?)call.Body["parameters"]!["aspectRatio"]);
        Assert.DoesNotContain(fake.Requests, line => line.Contains("key=", StringComparison.Ordinal)); // never in the query string
    }

    [Fact]
    public async Task A_callers_key_replaces_the_configured_one_for_that_request_only()
    {
        var seen = new List<(string? Key, string? Authorization, JsonObject Body, string Path)>();
        await using var fake = await FakeImagenAsync(seen, "AIza-caller");
        var (host, engine) = await EngineAsync("gemini", fake.BaseUrl, ("ApiKey", "AIza-configured"));
        await using var _ = host;

        var withKey = Request("""{"prompt":"x","num_outputs":1}""", Imagen) with { CallerKey = new CallerApiKey("AIza-caller") };
        Assert.Single((await engine.RunAsync(withKey, Ct)).Outputs);
        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x","num_outputs":1}""", Imagen), Ct));

        Assert.Equal(["AIza-caller", "AIza-configured"], seen.Select(call => call.Key));
        Assert.Equal("provider_error", failure.Code);
        Assert.False(failure.Transient);
        Assert.Contains("API key not valid", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AIza", failure.Message, StringComparison.Ordinal);
        Assert.Equal("[caller key]", withKey.CallerKey!.ToString());
    }

    [Fact]
    public async Task Gemini_image_models_use_generate_content_once_per_image_and_read_inline_data()
    {
        var bodies = new List<JsonObject>();
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1beta/models/{model}", async (HttpRequest request, string model) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            lock (bodies)
            {
                bodies.Add(body);
            }

            return model != "gemini-2.5-flash-image:generateContent" || request.Headers["x-goog-api-key"] != "AIza-k"
                ? Results.StatusCode(404)
                : Results.Json(new
                {
                    candidates = new[]
                    {
                        new { content = new { parts = new object[] { new { text = "Here is your image" }, new { inlineData = new { mimeType = "image/png", data = Convert.ToBase64String(Png) } } } } },
                    },
                });
        }));
        var (host, engine) = await EngineAsync("gemini", fake.BaseUrl, ("ApiKey", "AIza-k"));
        await using var _ = host;

        var result = await engine.RunAsync(Request("""{"prompt":"A fox","aspect_ratio":"9:16","num_outputs":2}""", FlashImage), Ct);

        Assert.Equal(2, result.Outputs.Count);
        Assert.Equal(2, bodies.Count);
        Assert.Equal("A fox", (string?)bodies[0]["contents"]![0]!["parts"]![0]!["text"]);
        Assert.Equal("IMAGE", (string?)bodies[0]["generationConfig"]!["responseModalities"]![0]);
        Assert.Equal("9:16", (string?)bodies[0]["generationConfig"]!["imageConfig"]!["aspectRatio"]);
    }

    [Fact]
    public async Task A_filtered_prompt_with_no_predictions_fails_as_bad_output()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1beta/models/{model}", () => Results.Json(new { })));
        var (host, engine) = await EngineAsync("gemini", fake.BaseUrl, ("ApiKey", "AIza-k"));
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", Imagen), Ct));

        Assert.Equal("bad_output", failure.Code);
    }
}
