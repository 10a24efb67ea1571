namespace Tessera.Engines;

/// <summary>The Engines module's front door: the model registry and every generation engine.</summary>
public static class EnginesExtensions
{
    public static IHostApplicationBuilder AddEngines(this IHostApplicationBuilder builder)
    {
        Local.LocalEnginesExtensions.AddLocalEngines(builder.Services);
        return builder;
    }
}
