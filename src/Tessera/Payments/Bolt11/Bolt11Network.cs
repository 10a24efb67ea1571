namespace Tessera.Payments.Bolt11;

/// <summary>The chain an invoice is for, by its BOLT #11 currency prefix (the hrp is <c>ln</c> + prefix + amount).</summary>
public sealed record Bolt11Network(string Name, string Prefix)
{
    public static readonly Bolt11Network Mainnet = new("mainnet", "bc");
    public static readonly Bolt11Network Testnet = new("testnet", "tb");
    public static readonly Bolt11Network Signet = new("signet", "tbs");
    public static readonly Bolt11Network Regtest = new("regtest", "bcrt");
    public static readonly Bolt11Network Simnet = new("simnet", "sb");

    public static IReadOnlyList<Bolt11Network> All { get; } = [Mainnet, Testnet, Signet, Regtest, Simnet];

    public static Bolt11Network? FromPrefix(string prefix) => All.FirstOrDefault(network => network.Prefix == prefix);

    /// <summary>The version bytes of base58 P2PKH and P2SH addresses on this chain (fallback addresses).</summary>
    internal (byte PubKeyHash, byte ScriptHash) Base58Versions => this == Mainnet ? ((byte)0x00, (byte)0x05) : ((byte)0x6f, (byte)0xc4);

    /// <summary>The hrp of segwit addresses on this chain (fallback addresses).</summary>
    internal string SegwitHrp => this == Simnet ? "sb" : Prefix;

    public override string ToString() => Name;
}
