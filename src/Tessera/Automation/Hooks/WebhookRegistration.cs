namespace Tessera.Automation.Hooks;

/// <summary>A registered receiver: where to POST, whether it signs (the secret itself is never read back out), which events (null: all).</summary>
public sealed record WebhookRegistration(long Id, string AccountId, string Surface, string Url, bool HasSecret, IReadOnlyList<string>? Events, DateTimeOffset CreatedAt);

/// <summary>What a delivery of a registration needs: the registration and its decrypted secret.</summary>
internal sealed record WebhookTarget(WebhookRegistration Registration, string? Secret);
