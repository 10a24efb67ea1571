using Microsoft.Extensions.DependencyInjection;
using Tessera.Tests.Support;
using Tessera.Webhooks;

namespace Tessera.Tests.Webhooks;

/// <summary>A Tessera server whose webhooks retry fast (0 s, 100 ms, 100 ms by default) and poll every 100 ms.</summary>
public static class WebhookTestHost
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TesseraFactory Configure(TesseraFactory factory, bool allowPrivateNetworks = true, string schedule = "0s,100ms,100ms") => factory
        .With("Tessera:Outbound:AllowPrivateNetworks", allowPrivateNetworks ? "true" : "false")
        .With("Tessera:Webhooks:RetrySchedule", schedule)
        .With("Tessera:Webhooks:PollInterval", "00:00:00.100");

    public static WebhookOutbox Outbox(this TesseraFactory factory) => factory.Services.GetRequiredService<WebhookOutbox>();

    public static WebhookSecrets Secrets(this TesseraFactory factory) => factory.Services.GetRequiredService<WebhookSecrets>();

    public static string NewAccount() => "acc_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Waits (up to 10 s) until the message has left <c>pending</c>, and returns it.</summary>
    public static async Task<WebhookMessage> SettledAsync(this WebhookOutbox outbox, string messageId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var message = await outbox.GetAsync(messageId, Ct);
            Assert.NotNull(message);
            if (message.Status != WebhookStatus.Pending || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return message;
            }

            await Task.Delay(25, Ct);
        }
    }
}
