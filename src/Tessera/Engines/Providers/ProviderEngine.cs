using System.Text.Json;

namespace Tessera.Engines.Providers;

/// <summary>
/// What every provider engine shares: the attempt deadline (<see cref="ProviderEngineOptions.Timeout"/> → transient
/// <c>provider_timeout</c>), dropped connections (→ transient <c>provider_unreachable</c>), and a log line per failure.
/// The caller's own cancellation (job canceled, job deadline) is passed through as <see cref="OperationCanceledException"/>.
/// </summary>
internal abstract class ProviderEngine(string name, ProviderEngineOptions options, ProviderClient client, TimeProvider time, ILogger logger)
    : IGenerationEngine
{
    /// <summary>How long a best-effort cancel call to the provider may take after the attempt was abandoned.</summary>
    private static readonly TimeSpan CancelCallTimeout = TimeSpan.FromSeconds(10);

    public string Name => name;

    protected ProviderEngineOptions Options => options;

    protected ProviderClient Client => client;

    protected TimeProvider Time => time;

    public async Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await RunAttemptAsync(request, linked.Token);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Logged(new EngineException("provider_timeout", $"{name} did not finish within {options.Timeout}", transient: true, e));
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Logged(new EngineException("provider_unreachable", $"{name} could not be reached: {e.Message}", transient: true, e));
        }
        catch (EngineException e)
        {
            throw Logged(e);
        }
    }

    protected abstract Task<EngineResult> RunAttemptAsync(EngineRequest request, CancellationToken cancellationToken);

    /// <summary>The provider's model: the model's <c>Settings:providerModel</c>, else the engine's <c>Model</c> option.</summary>
    protected string ProviderModel(ModelDefinition model)
    {
        var providerModel = model.Settings.GetValueOrDefault("providerModel") is { Length: > 0 } configured ? configured : options.Model;
        return providerModel.Length > 0
            ? providerModel
            : throw new EngineException("provider_error", $"{name}: model '{model.Id}' names no provider model (Settings:providerModel) and the engine has no Model option", transient: false);
    }

    /// <summary>Runs a best-effort cancel call after the attempt was abandoned; its failure is logged, never thrown.</summary>
    protected async Task CancelQuietlyAsync(string providerJob, Func<CancellationToken, Task> cancel)
    {
        using var timeout = new CancellationTokenSource(CancelCallTimeout, time);
        try
        {
            await cancel(timeout.Token);
            Log.ProviderCancelSent(logger, name, providerJob);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or EngineException or JsonException)
        {
            Log.ProviderCancelFailed(logger, name, providerJob, e);
        }
    }

    /// <summary>Downloads each URL and checks its bytes.</summary>
    protected async Task<List<EngineOutput>> DownloadAllAsync(IEnumerable<Uri> urls, ModelDefinition model, CancellationToken cancellationToken)
    {
        var outputs = new List<EngineOutput>();
        foreach (var url in urls)
        {
            var bytes = await client.DownloadAsync(url, cancellationToken);
            outputs.Add(OutputCheck.ToOutput(bytes, model, name));
        }

        return outputs.Count > 0
            ? outputs
            : throw new EngineException("bad_output", $"{name} finished without any output", transient: false);
    }

    private EngineException Logged(EngineException exception)
    {
        Log.ProviderFailed(logger, name, exception.Code, exception.Transient, exception.Message);
        return exception;
    }
}
