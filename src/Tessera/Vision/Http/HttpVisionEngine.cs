using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Engines;
using Tessera.Engines.Providers;

namespace Tessera.Vision.Http;

/// <summary>
/// What the HTTP vision engines share: available once a key is configured; the image sent as a small JPEG; the call
/// made through the provider engines' client (<see cref="ProviderClient"/>: error bodies classified the same way,
/// 429/5xx transient) within <see cref="HttpVisionOptions.Timeout"/>; failures turned into <see cref="VisionException"/>s.
/// </summary>
internal abstract class HttpVisionEngine(string name, HttpVisionOptions options, string defaultBaseUrl, IHttpClientFactory clients, TimeProvider time) : IVisionEngine
{
    private readonly ProviderClient _client = new(name, new ProviderEngineOptions
    {
        BaseUrl = options.BaseUrl.Length > 0 ? options.BaseUrl : defaultBaseUrl,
        ApiKey = BearerKey(name, options),
    }, clients);

    public string Name => name;

    protected HttpVisionOptions Options => options;

    public VisionAvailability Availability => options.ApiKey.Length > 0
        ? VisionAvailability.Yes
        : VisionAvailability.No($"no key: set Tessera:Vision:{(name == VisionEngineNames.OpenAI ? "OpenAI" : "Gemini")}:ApiKey.");

    public async Task<IReadOnlyList<VisionLabel>> LabelAsync(VisionImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var jpeg = image.Jpeg(options.MaxSide);
        if (!jpeg.IsSuccess)
        {
            throw new VisionException(VisionService.InvalidImageCode, jpeg.Error.Message, transient: false);
        }

        using var deadline = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var (path, body) = Request(Convert.ToBase64String(jpeg.Value));
            var answer = await _client.SendJsonAsync(HttpMethod.Post, _client.Url(path), body, describeError: null, linked.Token, Headers);
            return VisionAnswer.Parse(name, AnswerText(answer));
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new VisionException(VisionException.TimeoutCode, $"{name} gave no answer within {options.Timeout}.", transient: true, e);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VisionException(VisionException.UnavailableCode, $"{name} could not be reached ({e.Message}).", transient: true, e);
        }
        catch (EngineException e)
        {
            throw new VisionException(e.Transient ? VisionException.UnavailableCode : VisionException.ErrorCode, e.Message, e.Transient, e);
        }
    }

    /// <summary>The path under the base URL and the JSON body for one image (base64 JPEG).</summary>
    protected abstract (string Path, JsonNode Body) Request(string jpegBase64);

    /// <summary>The model's text from the provider's answer, or null when it has none.</summary>
    protected abstract string? AnswerText(JsonElement answer);

    /// <summary>Headers beyond <c>Authorization: Bearer</c> (Gemini's key header).</summary>
    protected virtual void Headers(System.Net.Http.Headers.HttpRequestHeaders headers)
    {
    }

    /// <summary>OpenAI takes the key as a bearer token; Gemini in its own header (<see cref="Headers"/>), so none here.</summary>
    private static string BearerKey(string name, HttpVisionOptions options) => name == VisionEngineNames.OpenAI ? options.ApiKey : "";
}
