using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Engines.Providers;

/// <summary>
/// A client of Google's Gemini API (<c>{BaseUrl}/v1beta/models/{model}:…</c>, key in <c>x-goog-api-key</c>), in its two
/// image wire formats, chosen by the provider model's name:
/// <list type="bullet">
/// <item>Imagen (<c>imagen-4.0-fast-generate-001</c> …): <c>:predict</c> with <c>{instances:[{prompt}], parameters:{sampleCount,
/// aspectRatio}}</c>, answered by <c>{predictions:[{bytesBase64Encoded, mimeType}]}</c>; one call makes all the images.</item>
/// <item>Gemini image models (<c>gemini-2.5-flash-image</c> …): <c>:generateContent</c> with <c>{contents:[{parts:[{text}]}],
/// generationConfig:{responseModalities:["IMAGE"], imageConfig:{aspectRatio}}}</c>, answered by candidates whose parts carry
/// <c>inlineData {mimeType, data}</c>; one call per image.</item>
/// </list>
/// The aspect ratio sent is the one of 1:1, 3:4, 4:3, 9:16, 16:9 nearest the input's. A request's
/// <see cref="EngineRequest.CallerKey"/> replaces the configured key for that request.
/// </summary>
internal sealed class GeminiImagesEngine(string name, ProviderEngineOptions options, ProviderClient client, TimeProvider time, ILogger logger)
    : ProviderEngine(name, options, client, time, logger)
{
    /// <summary>The aspect ratios both formats accept, as width ÷ height.</summary>
    private static readonly (string Name, double Ratio)[] AspectRatios = [("1:1", 1), ("3:4", 0.75), ("4:3", 4 / 3.0), ("9:16", 9 / 16.0), ("16:9", 16 / 9.0)];

    protected override async Task<EngineResult> RunAttemptAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var providerModel = ProviderModel(request.Model);
        var aspectRatio = Nearest(ProviderInput.Ratio(request.Input));
        var prompt = ProviderInput.Prompt(request.Input);
        var count = ProviderInput.Outputs(request.Input);
        var outputs = providerModel.StartsWith("imagen", StringComparison.OrdinalIgnoreCase)
            ? await PredictAsync(request, providerModel, prompt, count, aspectRatio, cancellationToken)
            : await GenerateContentAsync(request, providerModel, prompt, count, aspectRatio, cancellationToken);
        return outputs.Count > 0
            ? new EngineResult(outputs, new JsonObject { ["provider"] = "gemini", ["provider_model"] = providerModel, ["aspect_ratio"] = aspectRatio })
            : throw new EngineException("bad_output", $"{Name} returned no images (the prompt may have been filtered)", transient: false);
    }

    private async Task<List<EngineOutput>> PredictAsync(
        EngineRequest request, string providerModel, string prompt, int count, string aspectRatio, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["instances"] = new JsonArray(new JsonObject { ["prompt"] = prompt }),
            ["parameters"] = new JsonObject { ["sampleCount"] = count, ["aspectRatio"] = aspectRatio },
        };
        var response = await Client.SendJsonAsync(
            HttpMethod.Post, ModelUrl(providerModel, "predict"), body, describeError: null, cancellationToken, callerKey: request.CallerKey);
        var outputs = new List<EngineOutput>();
        if (response.TryGetProperty("predictions", out var predictions) && predictions.ValueKind == JsonValueKind.Array)
        {
            foreach (var prediction in predictions.EnumerateArray())
            {
                if (ProviderInput.String(prediction, "bytesBase64Encoded") is { } base64)
                {
                    outputs.Add(OutputCheck.ToOutput(Base64Output.Decode(base64, Options.MaxOutputBytes, Name), request.Model, Name));
                }
            }
        }

        return outputs;
    }

    private async Task<List<EngineOutput>> GenerateContentAsync(
        EngineRequest request, string providerModel, string prompt, int count, string aspectRatio, CancellationToken cancellationToken)
    {
        var outputs = new List<EngineOutput>();
        for (var i = 0; i < count; i++)
        {
            var body = new JsonObject
            {
                ["contents"] = new JsonArray(new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = prompt }) }),
                ["generationConfig"] = new JsonObject
                {
                    ["responseModalities"] = new JsonArray("IMAGE"),
                    ["imageConfig"] = new JsonObject { ["aspectRatio"] = aspectRatio },
                },
            };
            var response = await Client.SendJsonAsync(
                HttpMethod.Post, ModelUrl(providerModel, "generateContent"), body, describeError: null, cancellationToken, callerKey: request.CallerKey);
            foreach (var data in InlineImages(response))
            {
                outputs.Add(OutputCheck.ToOutput(Base64Output.Decode(data, Options.MaxOutputBytes, Name), request.Model, Name));
            }
        }

        return outputs;
    }

    /// <summary>The base64 <c>inlineData.data</c> of every part of every candidate (text parts are skipped).</summary>
    private static IEnumerable<string> InlineImages(JsonElement response)
    {
        if (!response.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var candidate in candidates.EnumerateArray())
        {
            if (candidate.ValueKind != JsonValueKind.Object || !candidate.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object
                || !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("inlineData", out var inline) && ProviderInput.String(inline, "data") is { } data)
                {
                    yield return data;
                }
            }
        }
    }

    private Uri ModelUrl(string providerModel, string method) =>
        Client.Url($"v1beta/models/{Uri.EscapeDataString(providerModel.StartsWith("models/", StringComparison.Ordinal) ? providerModel["models/".Length..] : providerModel)}:{method}");

    /// <summary>The accepted aspect ratio closest to <paramref name="ratio"/> in log space (2:1 and 1:2 equally far from 1:1).</summary>
    internal static string Nearest(double ratio) =>
        AspectRatios.MinBy(candidate => Math.Abs(Math.Log(candidate.Ratio) - Math.Log(ratio))).Name;
}
