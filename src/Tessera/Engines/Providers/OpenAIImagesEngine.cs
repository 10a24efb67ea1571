using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Engines.Providers;

/// <summary>
/// A client of OpenAI's Images API: <c>POST {BaseUrl}/v1/images/generations</c> with
/// <c>{model, prompt, n, size, response_format}</c>, answered by <c>{created, data:[{b64_json | url, revised_prompt?}]}</c>.
/// <c>size</c> is the accepted size nearest the input's aspect ratio (or the model's <c>Settings:size</c>);
/// <c>seed</c> and <c>image_url</c> have no place in this endpoint and are not sent.
/// </summary>
internal sealed class OpenAIImagesEngine(string name, ProviderEngineOptions options, ProviderClient client, TimeProvider time, ILogger logger)
    : ProviderEngine(name, options, client, time, logger)
{
    protected override async Task<EngineResult> RunAttemptAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var providerModel = ProviderModel(request.Model);
        var size = request.Model.Settings.GetValueOrDefault("size") is { Length: > 0 } fixedSize
            ? fixedSize
            : OpenAISizes.Nearest(ProviderInput.Ratio(request.Input), OpenAISizes.AllowedFor(providerModel, Options.Sizes));
        var body = new JsonObject
        {
            ["model"] = providerModel,
            ["prompt"] = ProviderInput.Prompt(request.Input),
            ["n"] = ProviderInput.Outputs(request.Input),
            ["size"] = size,
        };
        if (Options.ResponseFormat.Length > 0)
        {
            body["response_format"] = Options.ResponseFormat;
        }

        var response = await Client.SendJsonAsync(HttpMethod.Post, Client.Url("v1/images/generations"), body, describeError: null, cancellationToken);
        if (!response.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new EngineException("bad_output", $"{Name} answered without a data array", transient: false);
        }

        var outputs = new List<EngineOutput>();
        var revisedPrompts = new JsonArray();
        foreach (var item in data.EnumerateArray())
        {
            outputs.Add(OutputCheck.ToOutput(await ImageBytesAsync(item, cancellationToken), request.Model, Name));
            if (ProviderInput.String(item, "revised_prompt") is { } revised)
            {
                revisedPrompts.Add(revised);
            }
        }

        if (outputs.Count == 0)
        {
            throw new EngineException("bad_output", $"{Name} returned no images", transient: false);
        }

        var metadata = new JsonObject { ["provider"] = "openai", ["provider_model"] = providerModel, ["size"] = size };
        if (revisedPrompts.Count > 0)
        {
            metadata["revised_prompts"] = revisedPrompts;
        }

        return new EngineResult(outputs, metadata);
    }

    private async Task<byte[]> ImageBytesAsync(JsonElement item, CancellationToken cancellationToken)
    {
        if (ProviderInput.String(item, "b64_json") is { } base64)
        {
            return Base64Output.Decode(base64, Options.MaxOutputBytes, Name);
        }

        if (ProviderInput.String(item, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return await Client.DownloadAsync(uri, cancellationToken);
        }

        throw new EngineException("bad_output", $"{Name} returned an image with neither b64_json nor url", transient: false);
    }
}
