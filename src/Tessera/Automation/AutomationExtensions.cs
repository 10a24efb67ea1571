using Tessera.Automation.Exports;
using Tessera.Automation.Hooks;
using Tessera.Automation.Schedules;
using Tessera.Jobs;

namespace Tessera.Automation;

/// <summary>The Automation module's front door: recurring scrapes, webhook registrations and exports (docs/automation.md).</summary>
public static class AutomationExtensions
{
    public static IHostApplicationBuilder AddAutomation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AutomationOptions>().BindConfiguration(AutomationOptions.Section)
            .Validate(o => o.MaxSchedulesPerAccount > 0 && o.SchedulerBatch > 0 && o.RunLease > TimeSpan.Zero && o.MaxWebhooksPerAccount > 0 && o.MaxExportItems > 0
                && System.Text.RegularExpressions.Regex.IsMatch(o.ShopifyApiVersion, "^[0-9]{4}-[0-9]{2}$|^unstable$"),
                "Tessera:Automation: limits, the batch and the run lease must be positive; ShopifyApiVersion is YYYY-MM.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TargetUrls>();
        builder.Services.AddSingleton<ScheduleStore>();
        builder.Services.AddSingleton<ScheduleRunner>();
        builder.Services.AddHostedService<ScheduleWorker>();
        builder.Services.AddSingleton<WebhookRegistry>();
        builder.Services.AddSingleton<IJobTerminalHook, JobEventHook>();
        builder.Services.AddSingleton<ExportRunner>();
        builder.Services.AddSingleton<WordPressExport>();
        builder.Services.AddSingleton<ShopifyExport>();
        return builder;
    }
}
