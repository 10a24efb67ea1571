using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Engines.Providers;

/// <summary>
/// HTTP to one provider: JSON calls to its base URL with its key, error bodies turned into classified
/// <see cref="EngineException"/>s, and size-bounded downloads of the files it made.
/// </summary>
internal sealed class ProviderClient(string engineName, ProviderEngineOptions options, IHttpClientFactory httpClientFactory)
{
    /// <summary>The named client: no HttpClient timeout, since the engine's attempt deadline governs every call.</summary>
    public const string HttpClientName = "tessera-provider-engines";

    private readonly Uri _baseUri = new(options.EffectiveBaseUrl + "/");

    /// <summary>An absolute URL under the base URL (<paramref name="relative"/> without a leading slash).</summary>
    public Uri Url(string relative) => new(_baseUri, relative);

    /// <summary>True when <paramref name="url"/> is on the provider's own host, the only one that gets the key.</summary>
    public bool IsProviderHost(Uri url) =>
        url.IsAbsoluteUri && string.Equals(url.GetLeftPart(UriPartial.Authority), _baseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    public async Task<JsonElement> SendJsonAsync(
        HttpMethod method,
        Uri url,
        JsonNode? body,
        Func<JsonElement, string?>? describeError,
        CancellationToken cancellationToken,
        Action<HttpRequestHeaders>? headers = null,
        CallerApiKey? callerKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        Authorize(request, callerKey);
        headers?.Invoke(request.Headers);
        using var response = await Client().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ProviderErrors.FromStatus(engineName, response.StatusCode, ErrorMessage(text, describeError));
        }

        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new EngineException("provider_error", $"{engineName} answered {(int)response.StatusCode} with a body that is not JSON", transient: false, e);
        }
    }

    /// <summary>The bytes at <paramref name="url"/> (http(s) or a <c>data:</c> URL), refused past <see cref="ProviderEngineOptions.MaxOutputBytes"/>.</summary>
    public async Task<byte[]> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme == "data")
        {
            return DataUrl.Decode(url.OriginalString, options.MaxOutputBytes, engineName);
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new EngineException("bad_output", $"{engineName} returned an output URL with scheme '{url.Scheme}'", transient: false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (IsProviderHost(url))
        {
            Authorize(request, callerKey: null);
        }

        using var response = await Client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ProviderErrors.FromStatus(engineName, response.StatusCode, $"downloading an output failed with {(int)response.StatusCode}");
        }

        if (response.Content.Headers.ContentLength > options.MaxOutputBytes)
        {
            throw TooLarge();
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxOutputBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private EngineException TooLarge() =>
        new("bad_output", $"{engineName} returned an output larger than {options.MaxOutputBytes} bytes", transient: false);

    private HttpClient Client() => httpClientFactory.CreateClient(HttpClientName);

    /// <summary>The caller's own key (a request's <c>gemini_key</c>) wins over the configured one for that call only.
    /// Gemini takes its key in <c>x-goog-api-key</c> (a Bearer value there would be read as an OAuth token), never in the
    /// query string, so it cannot end up in a logged URL.</summary>
    private void Authorize(HttpRequestMessage request, CallerApiKey? callerKey)
    {
        var key = callerKey?.Value ?? options.ApiKey;
        if (key.Length == 0)
        {
            return;
        }

        if (options.Kind == ProviderKind.Gemini)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    private static string ErrorMessage(string body, Func<JsonElement, string?>? describeError)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return describeError?.Invoke(root) ?? ProviderErrors.CommonMessage(root) ?? Truncate(body);
        }
        catch (JsonException)
        {
            return Truncate(body);
        }
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
