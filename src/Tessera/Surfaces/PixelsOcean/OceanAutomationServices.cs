using Tessera.Automation.Hooks;
using Tessera.Webhooks;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>Ocean's part in the Automation module: its jobs publish events, and its deliveries carry its signature.</summary>
public static class OceanAutomationServices
{
    public static IHostApplicationBuilder AddOceanAutomation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OceanJobEvents>();
        builder.Services.AddSingleton<IJobEvents>(services => services.GetRequiredService<OceanJobEvents>());
        builder.Services.AddSingleton<IWebhookHeaders, OceanSignatureHeaders>();
        return builder;
    }
}
