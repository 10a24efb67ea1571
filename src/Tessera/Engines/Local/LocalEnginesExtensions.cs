using Microsoft.Extensions.DependencyInjection.Extensions;
using Tessera.Engines.Local.Conditioning;
using Tessera.Engines.Local.Procedural;
using Tessera.Engines.Local.Sprites;
using Tessera.Engines.Local.Video;

namespace Tessera.Engines.Local;

/// <summary>Registers the built-in offline engines; the model registry finds them by <see cref="IGenerationEngine.Name"/>.</summary>
public static class LocalEnginesExtensions
{
    public static IServiceCollection AddLocalEngines(this IServiceCollection services)
    {
        services.AddOptions<LocalEnginesOptions>().BindConfiguration(LocalEnginesOptions.Section)
            .Validate(options => !string.IsNullOrWhiteSpace(options.FfmpegPath), "Tessera:Engines:Local:FfmpegPath must not be empty")
            .ValidateOnStart();
        services.TryAddSingleton<IInputImageSource, OutboundInputImages>();
        services.AddSingleton<IGenerationEngine, ProceduralImageEngine>();
        services.AddSingleton<IGenerationEngine, SpriteAnimationEngine>();
        services.AddSingleton<IGenerationEngine, ProceduralVideoEngine>();
        return services;
    }
}
