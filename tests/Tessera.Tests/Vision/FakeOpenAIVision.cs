using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Tests.Engines.Http;

namespace Tessera.Tests.Vision;

/// <summary>
/// An OpenAI-style chat completions fake that labels every image it is sent with the given labels (checking the key
/// and that a JPEG data URL came): a deterministic vision engine for the media and scraping tests.
/// </summary>
public static class FakeOpenAIVision
{
    public const string Key = "sk-vision-fake";

    public static Task<FakeProvider> StartAsync(params (string Label, double Score)[] labels) =>
        FakeProvider.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var url = (string?)body["messages"]?[0]?["content"]?[1]?["image_url"]?["url"];
            if (request.Headers.Authorization != "Bearer " + Key || url is null || !url.StartsWith("data:image/jpeg;base64,/9j/", StringComparison.Ordinal))
            {
                return Results.Json(new { error = new { message = "bad request", type = "invalid_request_error" } }, statusCode: 400);
            }

            var content = JsonSerializer.Serialize(new { labels = labels.Select(label => new { label = label.Label, score = label.Score }) });
            return Results.Json(new { id = "chatcmpl-fake", @object = "chat.completion", choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } } });
        }));

    /// <summary>The settings that make the fake the only vision engine.</summary>
    public static Support.TesseraFactory Use(this Support.TesseraFactory factory, FakeProvider fake) => factory
        .With("Tessera:Vision:Engines:0", "openai")
        .With("Tessera:Vision:OpenAI:BaseUrl", fake.BaseUrl)
        .With("Tessera:Vision:OpenAI:ApiKey", Key);
}
