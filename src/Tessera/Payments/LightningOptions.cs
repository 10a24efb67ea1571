using Tessera.Payments.DevWallet;
using Tessera.Payments.Lnd;

namespace Tessera.Payments;

/// <summary>Lightning settings, section <c>Tessera:Lightning</c>: which invoice backend, and each backend's own settings.</summary>
public sealed class LightningOptions
{
    public const string Section = "Tessera:Lightning";
    public const string DevBackend = "dev";
    public const string LndBackend = "lnd";
    public const string NwcBackend = "nwc";

    public static IReadOnlyList<string> Backends { get; } = [DevBackend, LndBackend, NwcBackend];

    /// <summary><c>dev</c> (the built-in regtest wallet, default), <c>lnd</c> or <c>nwc</c>.</summary>
    public string Backend { get; set; } = DevBackend;

    /// <summary><c>Tessera:Lightning:Dev</c>.</summary>
    public DevWalletOptions Dev { get; set; } = new();

    /// <summary><c>Tessera:Lightning:Lnd</c>.</summary>
    public LndOptions Lnd { get; set; } = new();
}
