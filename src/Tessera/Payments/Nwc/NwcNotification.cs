using System.Text.Json;

namespace Tessera.Payments.Nwc;

/// <summary>A decrypted NIP-47 notification (kind 23197): its <c>notification_type</c> and <c>notification</c> object.</summary>
public sealed record NwcNotification(string Type, JsonElement Notification);
