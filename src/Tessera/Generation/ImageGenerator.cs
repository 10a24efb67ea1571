using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Engines;

namespace Tessera.Generation;

/// <summary>
/// Makes images from a prompt by trying the configured providers in order (<see cref="GenerationProviders"/>): the first
/// that returns images answers; one that fails, times out, returns no image or an image past
/// <see cref="GenerationOptions.MaxImageBytes"/> falls through to the next. No provider configured → 503
/// <c>no_provider</c>; every provider failed → 502 <c>generation_failed</c> naming each one's reason. At most
/// <see cref="GenerationOptions.MaxConcurrent"/> generations run on this node at once; the rest wait for a turn.
/// </summary>
public sealed class ImageGenerator : IDisposable
{
    private readonly GenerationProviders _providers;
    private readonly IModelRegistry _registry;
    private readonly IOptions<GenerationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ImageGenerator> _logger;
    private readonly SemaphoreSlim _turns;

    public ImageGenerator(GenerationProviders providers, IModelRegistry registry, IOptions<GenerationOptions> options, TimeProvider time, ILogger<ImageGenerator> logger)
    {
        _providers = providers;
        _registry = registry;
        _options = options;
        _time = time;
        _logger = logger;
        _turns = new SemaphoreSlim(options.Value.MaxConcurrent, options.Value.MaxConcurrent);
    }

    public static Error NoProvider() =>
        new("no_provider", "No image generation provider is configured on this server (Tessera:Generation:Order is empty); ask the operator to configure one.", 503);

    public async Task<Result<GenerationOutcome>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var providers = _providers.Ordered();
        if (providers.Count == 0)
        {
            Log.NoProvider(_logger);
            return NoProvider();
        }

        var requestId = "gen_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var failures = new List<ProviderFailure>();
        await _turns.WaitAsync(cancellationToken);
        try
        {
            foreach (var provider in providers)
            {
                if (provider.NeedsGeminiKey && request.GeminiKey is null)
                {
                    failures.Add(new ProviderFailure(provider.Name, "no_key", "no Gemini key: send gemini_key or configure the engine's ApiKey"));
                    Log.ProviderSkipped(_logger, provider.Name, "no Gemini key");
                    continue;
                }

                var made = await TryAsync(provider, request, requestId, cancellationToken);
                if (made.IsSuccess)
                {
                    return new GenerationOutcome(provider.Name, made.Value, failures);
                }

                failures.Add(new ProviderFailure(provider.Name, made.Error.Code, made.Error.Message));
                Log.ProviderFellThrough(_logger, requestId, provider.Name, made.Error.Code, made.Error.Message);
            }
        }
        finally
        {
            _turns.Release();
        }

        return new Error(
            "generation_failed",
            "No provider could generate the images: " + string.Join("; ", failures.Select(failure => $"{failure.Provider}: {failure.Reason}")),
            502);
    }

    private async Task<Result<IReadOnlyList<GeneratedImage>>> TryAsync(GenerationProvider provider, GenerationRequest request, string requestId, CancellationToken cancellationToken)
    {
        if (_registry.Engine(provider.Engine) is not { } engine)
        {
            return new Error("engine_missing", $"engine '{provider.Engine}' is not configured on this server", 502);
        }

        var settings = _options.Value;
        var model = new ModelDefinition { Id = "ocean-" + provider.Name, Name = provider.Title, Engines = [provider.Engine], OutputKind = OutputRoles.Image };
        if (provider.Model.Length > 0)
        {
            model.Settings["providerModel"] = provider.Model;
        }

        var engineRequest = new EngineRequest(requestId, model, Input(provider, request, settings), Attempt: 1)
        {
            // The caller's key goes to Gemini engines only, never to another provider.
            CallerKey = provider.TakesGeminiKey ? request.GeminiKey : null,
        };
        using var timeout = new CancellationTokenSource(settings.ProviderTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var clock = Stopwatch.StartNew();
        EngineResult result;
        try
        {
            result = await engine.RunAsync(engineRequest, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new Error("provider_timeout", $"no answer within {settings.ProviderTimeout.TotalSeconds:0} s", 504);
        }
        catch (EngineException e)
        {
            return new Error(e.Code, e.Message, 502);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in one provider's engine must not keep the next one from answering; it is logged with its stack.
            Log.ProviderCrashed(_logger, provider.Name, e);
            return new Error("provider_error", "the provider failed unexpectedly", 502);
        }

        var images = new List<GeneratedImage>();
        foreach (var output in result.Outputs.Take(request.Count))
        {
            if (!output.ContentType.StartsWith("image/", StringComparison.Ordinal))
            {
                return new Error("bad_output", $"returned {output.ContentType}, not an image", 502);
            }

            if (output.Content.Length > settings.MaxImageBytes)
            {
                return new Error("image_too_large", $"returned an image of {output.Content.Length} bytes (more than {settings.MaxImageBytes})", 502);
            }

            images.Add(new GeneratedImage(images.Count, provider.Name, $"{provider.Title} — Variation {images.Count + 1}", output.Content, output.ContentType));
        }

        if (images.Count == 0)
        {
            return new Error("bad_output", "returned no images", 502);
        }

        Log.Generated(_logger, requestId, provider.Name, images.Count, (long)clock.Elapsed.TotalMilliseconds);
        return Result<IReadOnlyList<GeneratedImage>>.Ok(images);
    }

    /// <summary>
    /// The engine input: the styled prompt, how many, and the aspect ratio (16:9, 9:16, 1:1); the local engine also gets
    /// its pixel size. Built here, so the caller's fields reach an engine only through this shape.
    /// </summary>
    private static JsonElement Input(GenerationProvider provider, GenerationRequest request, GenerationOptions settings)
    {
        var input = new JsonObject
        {
            ["prompt"] = request.Style.Apply(request.Prompt),
            ["num_outputs"] = request.Count,
            ["aspect_ratio"] = Orientations.AspectRatio(request.Orientation),
        };
        if (provider.IsLocal)
        {
            var (width, height) = Orientations.Size(request.Orientation, settings.LocalLongSide);
            input["width"] = width;
            input["height"] = height;
        }

        return JsonSerializer.SerializeToElement(input);
    }

    public void Dispose() => _turns.Dispose();
}
