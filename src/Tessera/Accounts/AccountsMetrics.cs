using System.Diagnostics.Metrics;

namespace Tessera.Accounts;

/// <summary>The Accounts module's counters on <c>/metrics</c>.</summary>
internal static class AccountsMetrics
{
    private static readonly Meter Meter = new("Tessera.Accounts");

    public static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>("tessera.auth.failures", description: "Requests whose API key was refused");

    public static readonly Counter<long> KeysCreated = Meter.CreateCounter<long>("tessera.keys.created", description: "API keys and sub-keys created");
}
