using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Tests.Engines.Http;

namespace Tessera.Tests.Vision;

/// <summary>
/// The OpenAI-style and Gemini-style vision engines against local fakes (a real Kestrel on 127.0.0.1) that check what the
/// real APIs check — the key header, the model, the body's shape, a decodable JPEG data — and answer with their real bodies.
/// </summary>
public sealed class HttpVisionEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Photo = Tessera.Imaging.ImageEncoder.Png(Enumerable.Repeat((byte)200, 64 * 48 * 4).ToArray(), 64, 48, opaque: true);

    private const string LabelsJson = """{"labels":[{"label":"Sunset","score":0.93},{"label":"beach","score":0.81},{"label":"boat","score":0.2}]}""";

    [Fact]
    public async Task OpenAI_style_engine_sends_a_chat_completion_with_the_image_as_a_jpeg_data_url_and_reads_the_json_labels()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization != "Bearer sk-vision")
            {
                return Results.Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401);
            }

            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var content = body["messages"]![0]!["content"]!.AsArray();
            var url = (string)content.Single(part => (string?)part!["type"] == "image_url")!["image_url"]!["url"]!;
            var jpeg = Convert.FromBase64String(url["data:image/jpeg;base64,".Length..]);
            if ((string?)body["model"] != "gpt-4o-mini" || !url.StartsWith("data:image/jpeg;base64,", StringComparison.Ordinal) || jpeg[0] != 0xFF || jpeg[1] != 0xD8
                || (string?)body["response_format"]!["type"] != "json_object" || !content.Any(part => (string?)part!["type"] == "text"))
            {
                return Results.Json(new { error = new { message = "Invalid request", type = "invalid_request_error" } }, statusCode: 400);
            }

            return Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "gpt-4o-mini-2024-07-18",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = LabelsJson, refusal = (string?)null }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 120, completion_tokens = 30, total_tokens = 150 },
            });
        }));
        await using var host = await VisionHost.StartAsync(("Engines:0", "openai"), ("OpenAI:BaseUrl", fake.BaseUrl), ("OpenAI:ApiKey", "sk-vision"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("openai", result.Value.Engine);
        Assert.Equal(["sunset", "beach"], result.Value.Names);
    }

    [Fact]
    public async Task Gemini_style_engine_sends_generate_content_with_inline_data_and_its_key_header()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1beta/models/{model}:generateContent", async (string model, HttpRequest request) =>
        {
            if (request.Headers["x-goog-api-key"] != "AIza-test" || request.Headers.Authorization.Count > 0)
            {
                return Results.Json(new { error = new { code = 403, message = "Method doesn't allow unregistered callers.", status = "PERMISSION_DENIED" } }, statusCode: 403);
            }

            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var parts = body["contents"]![0]!["parts"]!.AsArray();
            var inline = parts.Select(part => part!["inline_data"]).OfType<JsonNode>().Single();
            var jpeg = Convert.FromBase64String((string)inline["data"]!);
            if (model != "gemini-2.0-flash" || (string?)inline["mime_type"] != "image/jpeg" || jpeg[0] != 0xFF || !parts.Any(part => part!["text"] is not null))
            {
                return Results.Json(new { error = new { code = 400, message = "Invalid JSON payload received.", status = "INVALID_ARGUMENT" } }, statusCode: 400);
            }

            return Results.Json(new
            {
                candidates = new[] { new { content = new { parts = new[] { new { text = LabelsJson } }, role = "model" }, finishReason = "STOP", index = 0 } },
                usageMetadata = new { promptTokenCount = 270, candidatesTokenCount = 40, totalTokenCount = 310 },
                modelVersion = "gemini-2.0-flash",
            });
        }));
        await using var host = await VisionHost.StartAsync(("Engines:0", "gemini"), ("Gemini:BaseUrl", fake.BaseUrl), ("Gemini:ApiKey", "AIza-test"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("gemini", result.Value.Engine);
        Assert.Equal(["sunset", "beach"], result.Value.Names);
    }

    [Theory]
    [InlineData("I can see a sunset over a beach.", "not JSON")]
    [InlineData("""{"tags":["sunset"]}""", "without a labels array")]
    [InlineData("""{"labels":[42]}""", "neither a string nor")]
    public async Task A_malformed_model_answer_is_a_clear_bad_answer_error(string content, string expected)
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", () =>
            Results.Json(new { id = "chatcmpl-2", choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } } })));
        await using var host = await VisionHost.StartAsync(("Engines:0", "openai"), ("OpenAI:BaseUrl", fake.BaseUrl), ("OpenAI:ApiKey", "sk-vision"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("vision_bad_answer", 502), (result.Error?.Code, result.Error?.Status));
        Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fenced_json_answer_and_plain_string_labels_are_read()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", () =>
            Results.Json(new { choices = new[] { new { message = new { role = "assistant", content = "```json\n{\"labels\":[\"Dog\",\"frisbee\"]}\n```" } } } })));
        await using var host = await VisionHost.StartAsync(("Engines:0", "openai"), ("OpenAI:BaseUrl", fake.BaseUrl), ("OpenAI:ApiKey", "sk-vision"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(["dog", "frisbee"], result.Value.Names);
    }

    [Fact]
    public async Task A_refused_key_is_an_error_that_carries_the_providers_message()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", () =>
            Results.Json(new { error = new { message = "Incorrect API key provided: sk-wrong.", type = "invalid_request_error" } }, statusCode: 401)));
        await using var host = await VisionHost.StartAsync(("Engines:0", "openai"), ("OpenAI:BaseUrl", fake.BaseUrl), ("OpenAI:ApiKey", "sk-wrong"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("vision_error", 502), (result.Error?.Code, result.Error?.Status));
        Assert.Contains("Incorrect API key provided", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_engine_hands_over_to_the_next_in_the_configured_order()
    {
        await using var fake = await FakeProvider.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", () => Results.Json(new { error = new { message = "Rate limit reached", type = "requests" } }, statusCode: 429));
            app.MapPost("/v1beta/models/{model}:generateContent", () => Results.Json(new
            {
                candidates = new[] { new { content = new { parts = new[] { new { text = """{"labels":[{"label":"cat","score":0.9}]}""" } }, role = "model" } } },
            }));
        });
        await using var host = await VisionHost.StartAsync(
            ("Engines:0", "openai"), ("Engines:1", "gemini"),
            ("OpenAI:BaseUrl", fake.BaseUrl), ("OpenAI:ApiKey", "sk-vision"), ("Gemini:BaseUrl", fake.BaseUrl), ("Gemini:ApiKey", "AIza-test"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("gemini", "cat"), (result.Value.Engine, result.Value.Names[0]));
        Assert.Equal(1, fake.Count("POST /v1/chat/completions"));
    }

    [Fact]
    public async Task An_http_engine_without_a_key_is_never_called_and_says_which_setting_is_missing()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", () => Results.Json(new { })));
        await using var host = await VisionHost.StartAsync(("Engines:0", "openai"), ("OpenAI:BaseUrl", fake.BaseUrl));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("vision_unavailable", 503), (result.Error?.Code, result.Error?.Status));
        Assert.Contains("Tessera:Vision:OpenAI:ApiKey", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_slow_engine_times_out_within_its_configured_time()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return Results.Json(new { });
        }));
        await using var host = await VisionHost.StartAsync(
            ("Engines:0", "openai"), ("OpenAI:BaseUrl", fake.BaseUrl), ("OpenAI:ApiKey", "sk-vision"), ("OpenAI:Timeout", "00:00:00.300"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("vision_timeout", 504), (result.Error?.Code, result.Error?.Status));
    }

    [Fact]
    public void The_answer_parser_drops_empty_and_overlong_labels()
    {
        var labels = Tessera.Vision.Http.VisionAnswer.Parse("x", JsonSerializer.Serialize(new { labels = new object[] { "", new string('a', 65), new { label = "tree", score = 1.5 } } }));

        Assert.Equal([new Tessera.Vision.VisionLabel("tree", 1.0)], labels);
    }
}
