namespace Tessera.Payments.Bolt11;

/// <summary>
/// An on-chain fallback address (an <c>f</c> field): witness <see cref="Version"/> 0..16 with its program, 17 with a
/// P2PKH public-key hash, or 18 with a P2SH script hash. <see cref="Hash"/> is hex.
/// </summary>
public sealed record Bolt11Fallback(int Version, string Hash)
{
    public const int PayToPubKeyHash = 17;
    public const int PayToScriptHash = 18;

    /// <summary>The address as a wallet shows it: base58check for 17 and 18, bech32 (v0) or bech32m (v1+) otherwise.</summary>
    public string ToAddress(Bolt11Network network) => BitcoinAddress.Format(network, Version, Convert.FromHexString(Hash));
}
