using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tessera.Client.PixelEngine;

/// <summary>
/// Typed client of the Pixel Engine API (<c>/engine/functions/v1</c>): animate a sprite, poll its job, read the balance,
/// manage the account's keys. Every call sends the <c>pe_sk_</c> key as a bearer token; an error answer throws
/// <see cref="TesseraApiException"/> with the server's <c>error.code</c> and <c>error.message</c>.
/// </summary>
public sealed partial class PixelEngineClient : IDisposable
{
    /// <summary>Where the API lives on a Tessera server, relative to its root.</summary>
    public const string DefaultApiPath = "engine/functions/v1/";

    /// <summary>The seed recommends polling every 3–5 seconds.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(4);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _apiKey;
    private readonly Uri _api;

    /// <summary>Uses <paramref name="http"/> as given; its <see cref="HttpClient.BaseAddress"/> is the server's root.</summary>
    public PixelEngineClient(HttpClient http, string apiKey, string apiPath = DefaultApiPath)
        : this(http, apiKey, apiPath, ownsHttp: false)
    {
    }

    /// <summary>Talks to the server at <paramref name="server"/> (its root, e.g. <c>http://127.0.0.1:8080</c>) with an HttpClient of its own.</summary>
    public PixelEngineClient(Uri server, string apiKey, string apiPath = DefaultApiPath)
        : this(new HttpClient { BaseAddress = server }, apiKey, apiPath, ownsHttp: true)
    {
    }

    private PixelEngineClient(HttpClient http, string apiKey, string apiPath, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the Tessera server's URL.", nameof(http));
        }

        _http = http;
        _ownsHttp = ownsHttp;
        _apiKey = apiKey;
        var root = http.BaseAddress.ToString();
        _api = new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), apiPath.Trim('/') + "/");
    }

    /// <summary>How often <see cref="WaitForJobAsync"/> polls when not told otherwise.</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>
    /// <c>POST /animate</c>: queues a job (20 credits held); the answer carries its <c>api_job_id</c>. Pass an
    /// <paramref name="idempotencyKey"/> to make a retry safe: the same key returns the first job.
    /// </summary>
    public Task<EngineJob> AnimateAsync(AnimateRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<EngineJob>(HttpMethod.Post, "animate", request, cancellationToken, idempotencyKey);
    }

    /// <summary><c>GET /jobs?id=</c>: the job's status, and on success its signed links and metadata.</summary>
    public Task<EngineJob> GetJobAsync(string apiJobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiJobId);
        return SendAsync<EngineJob>(HttpMethod.Get, "jobs?id=" + Uri.EscapeDataString(apiJobId), null, cancellationToken);
    }

    /// <summary>
    /// Polls <see cref="GetJobAsync"/> every <paramref name="pollInterval"/> (default <see cref="PollInterval"/>) until the
    /// job is <c>success</c> or <c>failure</c>, and returns it; <paramref name="progress"/> hears every poll. A failed job
    /// is returned, not thrown: look at <see cref="EngineJob.Error"/>. <paramref name="timeout"/> (none by default) ends the
    /// wait with <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<EngineJob> WaitForJobAsync(
        string apiJobId, TimeSpan? pollInterval = null, TimeSpan? timeout = null, IProgress<EngineJob>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? PollInterval;
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var job = await GetJobAsync(apiJobId, cancellationToken);
            progress?.Report(job);
            if (job.IsFinished)
            {
                return job;
            }

            if (timeout is { } limit && DateTimeOffset.UtcNow - started + interval > limit)
            {
                throw new TimeoutException($"Job {apiJobId} is still {job.Status} after {limit}.");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary><c>GET /balance</c>: monthly and purchased credits after holds, what is held, and what is available.</summary>
    public Task<EngineBalance> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        SendAsync<EngineBalance>(HttpMethod.Get, "balance", null, cancellationToken);

    /// <summary>Downloads a signed output link (no key is sent: the signature is the credential) into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string signedUrl, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signedUrl);
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await _http.GetAsync(new Uri(signedUrl, UriKind.Absolute), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!ProblemReader.IsSuccess(response.StatusCode))
        {
            throw await PixelEngineErrorReader.ReadAsync(response, cancellationToken);
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

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_api, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
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
            throw await PixelEngineErrorReader.ReadAsync(response, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonSerializer.Deserialize<T>(text, TesseraJson.Options)
            ?? throw new TesseraApiException(response.StatusCode, "empty_response", $"{method} {path} answered without a body.");
    }
}
