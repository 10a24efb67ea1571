using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Vision.Http;

/// <summary>
/// Gemini's <c>generateContent</c>: <c>POST {BaseUrl}/v1beta/models/{model}:generateContent</c> with the key in
/// <c>x-goog-api-key</c>, <c>{contents:[{parts:[{text}, {inline_data:{mime_type:"image/jpeg", data}}]}],
/// generationConfig:{responseMimeType:"application/json"}}</c>; the labels are the JSON in
/// <c>candidates[0].content.parts[*].text</c>.
/// </summary>
internal sealed class GeminiVisionEngine(HttpVisionOptions options, IHttpClientFactory clients, TimeProvider time)
    : HttpVisionEngine(VisionEngineNames.Gemini, options, "https://generativelanguage.googleapis.com", clients, time)
{
    protected override (string Path, JsonNode Body) Request(string jpegBase64) => ($"v1beta/models/{Uri.EscapeDataString(Options.Model)}:generateContent", new JsonObject
    {
        ["contents"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray(
                new JsonObject { ["text"] = VisionAnswer.Instruction },
                new JsonObject { ["inline_data"] = new JsonObject { ["mime_type"] = "image/jpeg", ["data"] = jpegBase64 } }),
        }),
        ["generationConfig"] = new JsonObject { ["responseMimeType"] = "application/json" },
    });

    protected override string? AnswerText(JsonElement answer)
    {
        if (answer.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array && candidates.GetArrayLength() > 0
            && candidates[0].TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            return string.Concat(parts.EnumerateArray()
                .Where(part => part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                .Select(part => part.GetProperty("text").GetString()));
        }

        var blocked = answer.TryGetProperty("promptFeedback", out var feedback) && feedback.TryGetProperty("blockReason", out var reason) ? $" (blocked: {reason})" : "";
        throw new VisionException(VisionException.BadAnswerCode, $"gemini answered without candidates[0].content.parts{blocked}.", transient: false);
    }

    protected override void Headers(HttpRequestHeaders headers) => headers.TryAddWithoutValidation("x-goog-api-key", Options.ApiKey);
}
