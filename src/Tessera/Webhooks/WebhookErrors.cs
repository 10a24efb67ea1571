using Tessera.Common;

namespace Tessera.Webhooks;

/// <summary>The expected failures of the outbox.</summary>
public static class WebhookErrors
{
    public static Error NothingToReplay(string subject) => new("webhook_not_found", $"No webhook was sent for {subject}.", 404);

    public static Error IdTaken(string id) => Error.Conflict("webhook_id_taken", $"The message id {id} belongs to another account.");
}
