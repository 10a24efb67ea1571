using System.Text.Json;

namespace Tessera.Engines.Providers;

/// <summary>The fields of a Replicate prediction object the engine reads: <c>{id, status, output, error, urls:{get, cancel}}</c>.</summary>
internal sealed record ReplicatePrediction(string Id, string Status, JsonElement Output, string? Error, Uri? GetUrl, Uri? CancelUrl)
{
    public bool IsTerminal => Status is "succeeded" or "failed" or "canceled" or "aborted";

    public static ReplicatePrediction Parse(JsonElement body, string engine)
    {
        var id = ProviderInput.String(body, "id");
        var status = ProviderInput.String(body, "status");
        if (id is null || status is null)
        {
            throw new EngineException("provider_error", $"{engine} answered with something that is not a prediction (no id or status)", transient: false);
        }

        body.TryGetProperty("output", out var output);
        body.TryGetProperty("urls", out var urls);
        return new ReplicatePrediction(
            id,
            status,
            output.ValueKind == JsonValueKind.Undefined ? default : output.Clone(),
            body.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null ? error.ToString() : null,
            UrlIn(urls, "get"),
            UrlIn(urls, "cancel"));
    }

    /// <summary>Every URL in <c>output</c>: one string, a list, or an object's values (nested), in order.</summary>
    public IEnumerable<Uri> OutputUrls()
    {
        var found = new List<Uri>();
        Collect(Output, found);
        return found;
    }

    private static void Collect(JsonElement element, List<Uri> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when Uri.TryCreate(element.GetString(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "data":
                found.Add(url);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, found);
                }

                break;
        }
    }

    private static Uri? UrlIn(JsonElement urls, string name) =>
        urls.ValueKind == JsonValueKind.Object && ProviderInput.String(urls, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? url
            : null;
}
