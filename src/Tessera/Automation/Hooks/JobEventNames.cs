using System.Text.RegularExpressions;

namespace Tessera.Automation.Hooks;

/// <summary>
/// Event names and subscriptions: a finished job is <c>{kind}.completed</c> or <c>{kind}.failed</c> (<c>scrape.completed</c>);
/// a subscription names one event, a kind's every end (<c>scrape.*</c>), one end of every kind (<c>*.failed</c>) or all
/// (<c>*</c>, as is no list at all). A test delivery is <c>webhook.test</c>, sent whatever the subscription.
/// </summary>
public static partial class JobEventNames
{
    public const string Test = "webhook.test";
    public const int MaxEvents = 20;

    [GeneratedRegex("^(\\*|[a-z][a-z0-9_]{0,31}\\.(\\*|completed|failed))$|^\\*\\.(completed|failed)$")]
    private static partial Regex Pattern();

    public static bool IsValid(string subscription) => Pattern().IsMatch(subscription);

    public static bool Matches(IReadOnlyList<string>? subscriptions, string eventName)
    {
        if (subscriptions is null)
        {
            return true;
        }

        var dot = eventName.IndexOf('.', StringComparison.Ordinal);
        var kind = dot < 0 ? eventName : eventName[..dot];
        var end = dot < 0 ? "" : eventName[(dot + 1)..];
        return subscriptions.Any(s => s == "*" || s == eventName || s == kind + ".*" || s == "*." + end);
    }
}
