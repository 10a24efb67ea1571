using Microsoft.Extensions.Options;
using Tessera.Jobs;

namespace Tessera.Generation;

/// <summary>The Generation module's front door: providers in order, styles, the generator, batches and the <c>generate</c> job kind.</summary>
public static class GenerationExtensions
{
    public static IHostApplicationBuilder AddGeneration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidator>();
        services.AddSingleton<GenerationProviders>();
        services.AddSingleton<StylePresets>();
        services.AddSingleton<GenerationRequests>();
        services.AddSingleton<ImageGenerator>();
        services.AddSingleton<GeneratedImageStore>();
        services.AddSingleton<BatchGeneration>();
        services.AddSingleton<CallerKeys>();
        services.AddSingleton<GenerateJobs>();
        services.AddJobHandler<GenerateJobHandler>();
        return builder;
    }
}
