using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Vision.Http;

/// <summary>
/// OpenAI's Chat Completions with an image: <c>POST {BaseUrl}/v1/chat/completions</c>,
/// <c>Authorization: Bearer</c>, <c>{model, messages:[{role:"user", content:[{type:"text"}, {type:"image_url",
/// image_url:{url:"data:image/jpeg;base64,…"}}]}], response_format:{type:"json_object"}}</c>; the labels are the JSON in
/// <c>choices[0].message.content</c>. Any server speaking this format works (set <c>BaseUrl</c>).
/// </summary>
internal sealed class OpenAIVisionEngine(HttpVisionOptions options, IHttpClientFactory clients, TimeProvider time)
    : HttpVisionEngine(VisionEngineNames.OpenAI, options, "https://api.openai.com", clients, time)
{
    protected override (string Path, JsonNode Body) Request(string jpegBase64) => ("v1/chat/completions", new JsonObject
    {
        ["model"] = Options.Model,
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = VisionAnswer.Instruction },
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/jpeg;base64," + jpegBase64, ["detail"] = "low" } }),
        }),
        ["response_format"] = new JsonObject { ["type"] = "json_object" },
        ["max_tokens"] = 300,
    });

    protected override string? AnswerText(JsonElement answer) =>
        answer.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
        && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
            ? content.GetString()
            : throw new VisionException(VisionException.BadAnswerCode, "openai answered without choices[0].message.content.", transient: false);
}
