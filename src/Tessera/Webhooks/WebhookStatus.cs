namespace Tessera.Webhooks;

/// <summary>The states of a message: pending (waiting or in flight), delivered (a 2xx), failed (the schedule ran out).</summary>
public static class WebhookStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
