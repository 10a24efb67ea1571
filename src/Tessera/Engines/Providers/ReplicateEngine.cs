using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Engines.Providers;

/// <summary>
/// A client of Replicate's predictions API. <c>Settings:providerModel</c> <c>owner/name</c> →
/// <c>POST {BaseUrl}/v1/models/owner/name/predictions</c>; <c>owner/name:version</c> or a bare version id →
/// <c>POST {BaseUrl}/v1/predictions</c> with <c>version</c>. The body is <c>{input}</c>: the job input without
/// <c>webhook_url</c>, plus the model's <c>Settings:input.NAME</c> constants. <c>Prefer: wait=N</c> lets a quick
/// prediction finish in the create call; otherwise <c>urls.get</c> is polled until a terminal status, and
/// <c>urls.cancel</c> is called when the attempt is abandoned (canceled job, deadline, engine timeout).
/// </summary>
internal sealed class ReplicateEngine(string name, ProviderEngineOptions options, ProviderClient client, TimeProvider time, ILogger logger)
    : ProviderEngine(name, options, client, time, logger)
{
    private const string InputSettingPrefix = "input.";

    protected override async Task<EngineResult> RunAttemptAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var (url, body) = CreateCall(request);
        var created = await Client.SendJsonAsync(HttpMethod.Post, url, body, describeError: null, cancellationToken, headers =>
        {
            if (Options.WaitSeconds > 0)
            {
                headers.TryAddWithoutValidation("Prefer", $"wait={Options.WaitSeconds}");
            }
        });
        var prediction = ReplicatePrediction.Parse(created, Name);
        try
        {
            while (!prediction.IsTerminal)
            {
                await Task.Delay(Options.PollInterval, Time, cancellationToken);
                prediction = ReplicatePrediction.Parse(await Client.SendJsonAsync(HttpMethod.Get, GetUrl(prediction), null, null, cancellationToken), Name);
            }
        }
        catch (OperationCanceledException)
        {
            await CancelQuietlyAsync(prediction.Id, token => Client.SendJsonAsync(HttpMethod.Post, CancelUrl(prediction), null, null, token));
            throw;
        }

        return prediction.Status switch
        {
            "succeeded" => new EngineResult(
                await DownloadAllAsync(prediction.OutputUrls(), request.Model, cancellationToken),
                new JsonObject { ["provider"] = "replicate", ["prediction_id"] = prediction.Id }),
            "failed" => throw new EngineException("provider_failed", $"{Name}: prediction {prediction.Id} failed: {prediction.Error ?? "no reason given"}", transient: false),
            _ => throw new EngineException("provider_canceled", $"{Name}: prediction {prediction.Id} ended as {prediction.Status}", transient: false),
        };
    }

    private (Uri Url, JsonObject Body) CreateCall(EngineRequest request)
    {
        var body = new JsonObject { ["input"] = Input(request) };
        var model = ProviderModel(request.Model);
        var colon = model.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 || !model.Contains('/', StringComparison.Ordinal))
        {
            body["version"] = colon >= 0 ? model[(colon + 1)..] : model;
            return (Client.Url("v1/predictions"), body);
        }

        return (Client.Url($"v1/models/{model}/predictions"), body);
    }

    private static JsonObject Input(EngineRequest request)
    {
        var input = request.Input.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(request.Input.GetRawText())!.AsObject()
            : [];

        // The job's webhook belongs to Tessera's client, not to the provider.
        input.Remove("webhook_url");
        foreach (var (key, value) in request.Model.Settings)
        {
            if (key.StartsWith(InputSettingPrefix, StringComparison.Ordinal))
            {
                var field = key[InputSettingPrefix.Length..];
                if (value.Length == 0)
                {
                    input.Remove(field);
                }
                else
                {
                    input[field] = Constant(value);
                }
            }
        }

        return input;
    }

    /// <summary>A setting's value as JSON when it parses as a number, boolean, array or object; otherwise as a string.</summary>
    private static JsonNode? Constant(string value)
    {
        try
        {
            return JsonNode.Parse(value) is { } node && node.GetValueKind() != JsonValueKind.String ? node : JsonValue.Create(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }

    // urls.get/cancel are followed only on the provider's own host, the one that gets the key; else built from the id.
    private Uri GetUrl(ReplicatePrediction prediction) =>
        prediction.GetUrl is { } url && Client.IsProviderHost(url) ? url : Client.Url($"v1/predictions/{Uri.EscapeDataString(prediction.Id)}");

    private Uri CancelUrl(ReplicatePrediction prediction) =>
        prediction.CancelUrl is { } url && Client.IsProviderHost(url) ? url : Client.Url($"v1/predictions/{Uri.EscapeDataString(prediction.Id)}/cancel");
}
