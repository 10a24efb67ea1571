using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Tessera.Client;

/// <summary>
/// Typed client of the Tessera operator API (<c>/admin/v1</c>). Every call sends the admin key as a
/// bearer token; an unsuccessful answer throws <see cref="TesseraApiException"/>.
/// </summary>
public sealed partial class TesseraAdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _adminKey;

    /// <summary>Uses <paramref name="http"/> as given; its <see cref="HttpClient.BaseAddress"/> is the server.</summary>
    public TesseraAdminClient(HttpClient http, string adminKey)
        : this(http, adminKey, ownsHttp: false)
    {
    }

    /// <summary>Talks to the server at <paramref name="baseUrl"/> with an HttpClient of its own.</summary>
    public TesseraAdminClient(Uri baseUrl, string adminKey)
        : this(new HttpClient { BaseAddress = baseUrl }, adminKey, ownsHttp: true)
    {
    }

    private TesseraAdminClient(HttpClient http, string adminKey, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminKey);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the Tessera server's URL.", nameof(http));
        }

        _http = http;
        _ownsHttp = ownsHttp;
        _adminKey = adminKey;
    }

    /// <summary>The server this client talks to.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var result = await SendOptionalAsync<T>(method, path, body, cancellationToken, idempotencyKey);
        return result ?? throw new TesseraApiException(HttpStatusCode.NoContent, "empty_response", $"{method} {path} answered without a body.");
    }

    /// <summary>Sends one request; the answer's JSON body as <typeparamref name="T"/>, or default when it has none.</summary>
    private async Task<T?> SendOptionalAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, Resolve(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: TesseraJson.Options);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        if (!ProblemReader.IsSuccess(response.StatusCode))
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return default;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? default : System.Text.Json.JsonSerializer.Deserialize<T>(text, TesseraJson.Options);
    }

    /// <summary>Relative to the base address, so a server mounted under a path prefix works too.</summary>
    private Uri Resolve(string path)
    {
        var baseText = _http.BaseAddress!.ToString();
        var root = baseText.EndsWith('/') ? _http.BaseAddress : new Uri(baseText + "/");
        return new Uri(root, path);
    }

    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }
}
