using System.Globalization;
using Tessera.Common;

namespace Tessera.Automation;

/// <summary>The module's expected failures, with stable codes each surface maps to its own shape.</summary>
public static class AutomationErrors
{
    public static Error ScheduleNotFound(long id) => Error.NotFound(string.Create(CultureInfo.InvariantCulture, $"Schedule {id} not found."));

    public static Error WebhookNotFound(long id) => Error.NotFound(string.Create(CultureInfo.InvariantCulture, $"Webhook {id} not found."));

    public static Error TooManySchedules(int limit) =>
        Error.Conflict("schedule_limit_reached", string.Create(CultureInfo.InvariantCulture, $"An account holds at most {limit} schedules; delete one first."));

    public static Error TooManyWebhooks(int limit) =>
        Error.Conflict("webhook_limit_reached", string.Create(CultureInfo.InvariantCulture, $"An account holds at most {limit} webhooks; delete one first."));
}
