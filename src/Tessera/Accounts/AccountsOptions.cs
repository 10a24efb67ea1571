namespace Tessera.Accounts;

/// <summary><c>Tessera:Accounts</c>.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Tessera:Accounts";

    /// <summary>Keys an account may hold, deactivated ones included (DECISIONS.md); sub-keys are counted separately.</summary>
    public int MaxKeysPerAccount { get; set; } = 10;

    /// <summary>Sub-keys one account key may have that are not revoked.</summary>
    public int MaxSubKeysPerKey { get; set; } = 100;

    /// <summary>Requests a sub-key may make when its creator names no budget (the ocean doc's default).</summary>
    public long DefaultSubKeyCreditLimit { get; set; } = 50;

    /// <summary>How often each node reads the key-change feed: the bound on how long a revoked key lives on other nodes.</summary>
    public TimeSpan ChangeFeedInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
