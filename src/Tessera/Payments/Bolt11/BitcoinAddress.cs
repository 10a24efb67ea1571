using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Payments.Bolt11;

/// <summary>Renders fallback addresses: base58check (P2PKH, P2SH) and segwit (BIP-173 / BIP-350).</summary>
internal static class BitcoinAddress
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Format(Bolt11Network network, int version, byte[] hash)
    {
        var (pubKeyHash, scriptHash) = network.Base58Versions;
        return version switch
        {
            Bolt11Fallback.PayToPubKeyHash => Base58Check(pubKeyHash, hash),
            Bolt11Fallback.PayToScriptHash => Base58Check(scriptHash, hash),
            _ => Bech32.Encode(network.SegwitHrp, [(byte)version, .. Words.FromBytes(hash)], version == 0 ? Bech32.Bech32Constant : Bech32.Bech32mConstant),
        };
    }

    private static string Base58Check(byte version, byte[] hash)
    {
        byte[] payload = [version, .. hash];
        var checksum = SHA256.HashData(SHA256.HashData(payload));
        byte[] full = [.. payload, .. checksum.AsSpan(0, 4)];

        var number = new BigInteger(full, isUnsigned: true, isBigEndian: true);
        var text = new StringBuilder();
        while (number > 0)
        {
            number = BigInteger.DivRem(number, 58, out var remainder);
            text.Insert(0, Base58Alphabet[(int)remainder]);
        }

        // Each leading zero byte is written as '1'.
        foreach (var b in full)
        {
            if (b != 0)
            {
                break;
            }

            text.Insert(0, '1');
        }

        return text.ToString();
    }
}
