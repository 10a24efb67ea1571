using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.ReplaceFlow;

/// <summary>An image a search engine returned: the file's URL and the page's title.</summary>
public sealed record SerpImage(Uri Url, string? Title);

/// <summary>
/// A client of SerpApi's search API (<c>GET /search.json</c>) as SerpApi documents it: <c>engine=google_reverse_image</c>
/// with <c>image_url</c> (results: <c>inline_images[].original</c>, and <c>image_results[].original</c> where present) and
/// <c>engine=google_images</c> with <c>q</c> (<c>images_results[].original</c>), the key as <c>api_key</c>. A SerpApi
/// error (<c>{"error": "..."}</c>, any non-2xx) is an error value, never an exception. Through the SSRF-safe client like every
/// outbound call; the key goes only into the request, never into a log or an error.
/// </summary>
public sealed class SerpApiClient(OutboundHttp outbound, IOptions<ReplaceFlowOptions> options)
{
    public const string ReverseEngine = "google_reverse_image";
    public const string ImagesEngine = "google_images";

    public bool Enabled => options.Value.SerpApi.Enabled;

    public Task<Result<IReadOnlyList<SerpImage>>> ReverseImageAsync(Uri imageUrl, CancellationToken cancellationToken) =>
        SearchAsync([("engine", ReverseEngine), ("image_url", imageUrl.AbsoluteUri)], ["inline_images", "image_results"], cancellationToken);

    public Task<Result<IReadOnlyList<SerpImage>>> ImagesAsync(string query, CancellationToken cancellationToken) =>
        SearchAsync([("engine", ImagesEngine), ("q", query)], ["images_results"], cancellationToken);

    private async Task<Result<IReadOnlyList<SerpImage>>> SearchAsync(
        (string Name, string Value)[] parameters, string[] lists, CancellationToken cancellationToken)
    {
        var settings = options.Value.SerpApi;
        if (!settings.Enabled)
        {
            return new Error("serpapi_disabled", "No SerpApi key is configured.", 400);
        }

        var query = string.Join('&', parameters.Append(("api_key", settings.ApiKey!)).Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        var url = new UriBuilder(settings.Endpoint) { Query = query }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        var answered = await outbound.SendAsync(request, new OutboundLimits { Timeout = settings.Timeout, MaxResponseBytes = 4 * 1024 * 1024 }, cancellationToken);
        if (!answered.IsSuccess)
        {
            // The outbound message names the URL's host and the reason, never the query (where the key is).
            return new Error("serpapi_failed", answered.Error.Code, 502);
        }

        try
        {
            using var json = JsonDocument.Parse(answered.Value.Body);
            var root = json.RootElement;
            if (!answered.Value.IsSuccess || (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _)))
            {
                var message = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
                return new Error("serpapi_failed", $"HTTP {answered.Value.StatusCode}: {message ?? "no error message"}", 502);
            }

            var images = new List<SerpImage>();
            foreach (var list in lists)
            {
                if (!root.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var item in items.EnumerateArray())
                {
                    if (images.Count >= settings.MaxResults)
                    {
                        break;
                    }

                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("original", out var original) && original.ValueKind == JsonValueKind.String
                        && Uri.TryCreate(original.GetString(), UriKind.Absolute, out var found) && (found.Scheme == Uri.UriSchemeHttps || found.Scheme == Uri.UriSchemeHttp))
                    {
                        var title = item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                        images.Add(new SerpImage(found, title));
                    }
                }
            }

            return images;
        }
        catch (JsonException)
        {
            return new Error("serpapi_failed", $"HTTP {answered.Value.StatusCode}: the answer is not JSON.", 502);
        }
    }
}
