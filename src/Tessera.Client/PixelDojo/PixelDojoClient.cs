using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tessera.Client.PixelDojo;

/// <summary>
/// Typed client of the PixelDojo surface (<c>{server}/dojo/api/v1</c>), mirroring the doc's TypeScript SDK:
/// ListModels, GetModel, GetModelSchema, Run, Generate (submit + poll), GetJob, ListJobs, ReplayWebhook. An error answer
/// throws <see cref="TesseraApiException"/> with the doc's code (<c>insufficient_credits</c>, <c>validation_error</c> ...).
/// </summary>
public sealed class PixelDojoClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _apiKey;
    private readonly Uri _apiBase;

    /// <summary>Uses <paramref name="http"/> as given; <paramref name="server"/> is the Tessera server (the surface's path base is added).</summary>
    public PixelDojoClient(HttpClient http, Uri server, string apiKey, string pathBase = "/dojo")
        : this(http, server, apiKey, pathBase, ownsHttp: false)
    {
    }

    /// <summary>Talks to <paramref name="server"/> with an HttpClient of its own.</summary>
    public PixelDojoClient(Uri server, string apiKey, string pathBase = "/dojo")
        : this(new HttpClient(), server, apiKey, pathBase, ownsHttp: true)
    {
    }

    private PixelDojoClient(HttpClient http, Uri server, string apiKey, string pathBase, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _http = http;
        _ownsHttp = ownsHttp;
        _apiKey = apiKey;
        _apiBase = new Uri(server.ToString().TrimEnd('/') + "/" + pathBase.Trim('/') + "/api/v1/");
    }

    /// <summary><c>GET /models</c>: every model.</summary>
    public async Task<IReadOnlyList<DojoModel>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<DojoModelList>(HttpMethod.Get, "models", null, null, cancellationToken)).Models;

    /// <summary><c>GET /models/{apiId}</c>: details + schema.</summary>
    public Task<DojoModel> GetModelAsync(string apiId, CancellationToken cancellationToken = default) =>
        SendAsync<DojoModel>(HttpMethod.Get, $"models/{Segment(apiId)}", null, null, cancellationToken);

    /// <summary><c>GET /models/{apiId}/schema</c>: the JSON schema of the request body.</summary>
    public Task<JsonElement> GetModelSchemaAsync(string apiId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"models/{Segment(apiId)}/schema", null, null, cancellationToken);

    /// <summary><c>POST /models/{apiId}/run</c>: submits a job and returns at once.</summary>
    /// <param name="input">The body: an object with <c>prompt</c>, <c>aspect_ratio</c> ... (serialised as given), or a JsonElement.</param>
    public Task<DojoSubmitted> RunAsync(string apiId, object input, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SendAsync<DojoSubmitted>(HttpMethod.Post, $"models/{Segment(apiId)}/run", input, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Submits and polls (backoff from <see cref="GenerateOptions.FirstPoll"/> to <see cref="GenerateOptions.MaxPoll"/>) until
    /// the job completes; a failed or canceled job throws <see cref="DojoJobFailedException"/>.
    /// </summary>
    public async Task<DojoJob> GenerateAsync(string apiId, object input, GenerateOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GenerateOptions();
        var submitted = await RunAsync(apiId, input, options.IdempotencyKey, cancellationToken);
        var started = TimeProvider.System.GetTimestamp();
        var delay = options.FirstPoll;
        var job = new DojoJob(submitted.JobId, submitted.Status, apiId, null, null, submitted.CreditCost, null, null, null, submitted.ExpiresAt, null);
        options.Progress?.Report(job);
        while (true)
        {
            await Task.Delay(delay, cancellationToken);
            job = await GetJobAsync(submitted.JobId, cancellationToken);
            options.Progress?.Report(job);
            if (job.IsTerminal)
            {
                return job.Status == "completed" ? job : throw new DojoJobFailedException(job);
            }

            if (TimeProvider.System.GetElapsedTime(started) > options.Timeout)
            {
                throw new TimeoutException($"Job {job.JobId} is still {job.Status} after {options.Timeout}.");
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, options.MaxPoll.TotalMilliseconds));
        }
    }

    /// <summary><c>GET /jobs/{jobId}</c>: status, outputs, webhook deliveries.</summary>
    public Task<DojoJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<DojoJob>(HttpMethod.Get, $"jobs/{Segment(jobId)}", null, null, cancellationToken);

    /// <summary><c>GET /jobs?limit=&amp;cursor=</c>: recent jobs, most recent first.</summary>
    public Task<DojoJobList> ListJobsAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        return SendAsync<DojoJobList>(HttpMethod.Get, "jobs" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, null, cancellationToken);
    }

    /// <summary><c>POST /jobs/{jobId}/cancel</c> (Tessera's addition).</summary>
    public Task<DojoJob> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<DojoJob>(HttpMethod.Post, $"jobs/{Segment(jobId)}/cancel", null, null, cancellationToken);

    /// <summary><c>GET /jobs/{jobId}/webhook</c>: the webhook URL and delivery attempts.</summary>
    public Task<DojoWebhookInfo> GetWebhookAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<DojoWebhookInfo>(HttpMethod.Get, $"jobs/{Segment(jobId)}/webhook", null, null, cancellationToken);

    /// <summary><c>POST /jobs/{jobId}/webhook</c>: replays the webhook of a terminal job.</summary>
    public Task<DojoWebhookInfo> ReplayWebhookAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<DojoWebhookInfo>(HttpMethod.Post, $"jobs/{Segment(jobId)}/webhook", null, null, cancellationToken);

    /// <summary><c>GET /webhook/secret</c>: the account's <c>whsec_</c> signing secret.</summary>
    public async Task<string> GetWebhookSecretAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<DojoWebhookSecret>(HttpMethod.Get, "webhook/secret", null, null, cancellationToken)).Key;

    /// <summary>Downloads an output (a signed URL of <see cref="DojoJob.Assets"/>; no key needed) into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string url, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await _http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, cancellationToken);
        }

        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_apiBase, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, cancellationToken);
        }

        var result = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        return result ?? throw new TesseraApiException(response.StatusCode, "empty_response", $"{method} {path} answered without a body.");
    }

    /// <summary>The dojo error shape <c>{"error":{"code","message","status"}}</c>; anything else keeps the HTTP status as its code.</summary>
    private static async Task<TesseraApiException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var fallback = "http_" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new TesseraApiException(response.StatusCode, Text(error, "code") ?? fallback, Text(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): keep the status.
        }

        return new TesseraApiException(response.StatusCode, fallback, response.ReasonPhrase);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }
}
