using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tessera.Engines.Models;
using Tessera.Engines.Providers;

namespace Tessera.Engines;

/// <summary>The Engines module's front door: the model registry and every generation engine.</summary>
public static class EnginesExtensions
{
    public static IHostApplicationBuilder AddEngines(this IHostApplicationBuilder builder)
    {
        Local.LocalEnginesExtensions.AddLocalEngines(builder.Services);
        var services = builder.Services;
        services.AddProviderEngines();
        services.AddModelRegistry();
        return builder;
    }

    /// <summary>The HTTP provider engines of <c>Tessera:Engines:Providers</c> (OpenAI, Replicate, ComfyUI).</summary>
    internal static IServiceCollection AddProviderEngines(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EnginesOptions>().BindConfiguration(EnginesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EnginesOptions>, ProviderOptionsValidator>();
        services.AddHttpClient(ProviderClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ProviderEngines>();
        return services;
    }

    /// <summary>The models of <c>Tessera:Models</c> plus the built-in defaults, checked at start, behind <see cref="IModelRegistry"/>.</summary>
    internal static IServiceCollection AddModelRegistry(this IServiceCollection services)
    {
        services.AddSingleton<EngineCatalog>();
        services.AddSingleton<IConfigureOptions<ModelCatalogOptions>, ModelCatalogSetup>();
        services.AddSingleton<IValidateOptions<ModelCatalogOptions>, ModelCatalogValidator>();
        services.AddOptions<ModelCatalogOptions>().ValidateOnStart();
        services.AddSingleton<IModelRegistry, ModelRegistry>();
        return services;
    }
}
