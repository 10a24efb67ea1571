using Tessera.Storage.Secrets;

namespace Tessera.Webhooks;

/// <summary>The Webhooks module's front door: secrets, the outbox, and a delivery worker in every node.</summary>
public static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhooksOptions>()
            .BindConfiguration(WebhooksOptions.Section)
            .Validate(options => options.Schedule() is not null, "Tessera:Webhooks:RetrySchedule must be delays like \"0s,5s,5m,30m,2h\".")
            .Validate(options => options.MaxInFlight > 0, "Tessera:Webhooks:MaxInFlight must be positive.")
            .Validate(options => options.MaxInFlightPerAccount > 0 && options.MaxInFlightPerHost > 0,
                "Tessera:Webhooks:MaxInFlightPerAccount and MaxInFlightPerHost must be positive.")
            .Validate(options => options.PollInterval > TimeSpan.Zero, "Tessera:Webhooks:PollInterval must be positive.")
            .Validate(options => options.Timeout > TimeSpan.Zero && options.Lease > options.Timeout, "Tessera:Webhooks:Lease must be longer than Timeout.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddProtectedColumn(new("webhook_secrets", "account_id", "secret", WebhookSecrets.Purpose));
        builder.Services.AddProtectedColumn(new("webhook_secrets", "account_id", "previous_secret", WebhookSecrets.Purpose));
        builder.Services.AddSingleton<WebhookOutbox>();
        builder.Services.AddSingleton<WebhookQueue>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService<WebhookDeliveryWorker>();
        return builder;
    }
}
