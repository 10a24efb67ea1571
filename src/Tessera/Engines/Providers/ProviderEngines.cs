using Microsoft.Extensions.Options;

namespace Tessera.Engines.Providers;

/// <summary>
/// The provider engines configured under <c>Tessera:Engines:Providers</c>, one per name, built when first asked for.
/// They are found through <see cref="IModelRegistry.Engine"/> like the registered engines.
/// </summary>
internal sealed class ProviderEngines(IOptions<EnginesOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILoggerFactory loggerFactory)
{
    private readonly Lazy<IReadOnlyList<IGenerationEngine>> _all = new(() => Create(options.Value, httpClientFactory, time, loggerFactory));

    public IReadOnlyList<IGenerationEngine> All => _all.Value;

    private static List<IGenerationEngine> Create(EnginesOptions options, IHttpClientFactory httpClientFactory, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var engines = new List<IGenerationEngine>();
        foreach (var (name, engine) in options.Providers)
        {
            var client = new ProviderClient(name, engine, httpClientFactory);
            var logger = loggerFactory.CreateLogger($"{typeof(ProviderEngine).Namespace}.{engine.Kind}");
            IGenerationEngine? created = engine.Kind switch
            {
                ProviderKind.OpenAI => new OpenAIImagesEngine(name, engine, client, time, logger),
                ProviderKind.Replicate => new ReplicateEngine(name, engine, client, time, logger),
                ProviderKind.ComfyUI => new ComfyUIEngine(name, engine, client, time, logger),
                ProviderKind.Gemini => new GeminiImagesEngine(name, engine, client, time, logger),
                _ => null, // no Kind: ProviderOptionsValidator stops the start with a message
            };
            if (created is not null)
            {
                engines.Add(created);
            }
        }

        return engines;
    }
}
