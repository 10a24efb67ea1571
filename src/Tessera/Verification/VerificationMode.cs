namespace Tessera.Verification;

/// <summary><c>Tessera:Verification:Mode</c>: who a passing token is for (DECISIONS.md, Billion Satoshi).</summary>
public enum VerificationMode
{
    /// <summary>A token passes when its score is at least the threshold: only AI agents place.</summary>
    Agent,

    /// <summary>A token passes when its score is below the threshold: only people place.</summary>
    Human,

    /// <summary>No verification is needed to place; every token issued passes.</summary>
    Open,
}
