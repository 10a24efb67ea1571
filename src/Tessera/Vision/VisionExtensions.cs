using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tessera.Engines.Providers;
using Tessera.Vision.Http;
using Tessera.Vision.Local;

namespace Tessera.Vision;

/// <summary>The Vision module's front door: options, the three engines, their order and <see cref="VisionService"/>.</summary>
public static class VisionExtensions
{
    public static IHostApplicationBuilder AddVision(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<VisionOptions>().BindConfiguration(VisionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VisionOptions>, VisionOptionsValidator>();
        // The provider engines' named client (no client timeout: each engine's own deadline governs); registering it
        // again is harmless and keeps this module whole without the Engines module's registration.
        services.AddHttpClient(ProviderClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<NodeLocator>();
        services.AddSingleton<LocalVisionEngine>();
        services.AddSingleton<IVisionEngine>(provider => provider.GetRequiredService<LocalVisionEngine>());
        services.AddSingleton<IVisionEngine>(provider => new OpenAIVisionEngine(
            provider.GetRequiredService<IOptions<VisionOptions>>().Value.OpenAI, provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IVisionEngine>(provider => new GeminiVisionEngine(
            provider.GetRequiredService<IOptions<VisionOptions>>().Value.Gemini, provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<VisionRegistry>();
        services.AddSingleton<VisionService>();
        return builder;
    }
}
