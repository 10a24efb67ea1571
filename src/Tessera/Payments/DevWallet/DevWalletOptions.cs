namespace Tessera.Payments.DevWallet;

/// <summary>Dev wallet settings, section <c>Tessera:Lightning:Dev</c>.</summary>
public sealed class DevWalletOptions
{
    /// <summary>How often <see cref="DevWalletBackend.WatchSettlementsAsync"/> looks for new settlements (every node's).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
