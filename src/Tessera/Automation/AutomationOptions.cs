namespace Tessera.Automation;

/// <summary>Schedules, webhook registrations and exports of the Automation module, section <c>Tessera:Automation</c> (docs/automation.md).</summary>
public sealed class AutomationOptions
{
    public const string Section = "Tessera:Automation";

    /// <summary>Schedules one account may hold (enabled or not).</summary>
    public int MaxSchedulesPerAccount { get; set; } = 20;

    /// <summary>How often each node looks for due runs; a run fires at most this late. Zero switches this node's scheduler off.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Due runs one pass claims at most; a full batch starts the next pass at once.</summary>
    public int SchedulerBatch { get; set; } = 50;

    /// <summary>How long a claimed run may stay unsubmitted (its node died in between) before another node finishes it.</summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Webhook registrations one account may hold.</summary>
    public int MaxWebhooksPerAccount { get; set; } = 10;

    /// <summary>How long <c>webhooks/test</c> waits for its first delivery attempt before answering with the message still pending.</summary>
    public TimeSpan WebhookTestWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Media items one export call may push.</summary>
    public int MaxExportItems { get; set; } = 20;

    /// <summary>The Shopify Admin API version exports call (Shopify supports each for a year).</summary>
    public string ShopifyApiVersion { get; set; } = "2025-10";
}
