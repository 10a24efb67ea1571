using System.Security.Cryptography;
using Tessera.Payments.Nwc.Crypto;

namespace Tessera.Payments.Nwc.Nostr;

/// <summary>A Nostr key pair: the 32-byte secret and its x-only public key (hex, as events carry it).</summary>
public sealed class NostrKeys
{
    public NostrKeys(byte[] secretKey)
    {
        SecretKey = secretKey;
        PublicKey = Bip340.PublicKey(secretKey);
        PublicKeyHex = Convert.ToHexStringLower(PublicKey);
    }

    public byte[] SecretKey { get; }

    public byte[] PublicKey { get; }

    public string PublicKeyHex { get; }

    public static NostrKeys FromHex(string secretHex) => new(Convert.FromHexString(secretHex));

    public static NostrKeys Generate()
    {
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            if (Secp256k1.SecretScalar(secret) is not null)
            {
                return new NostrKeys(secret);
            }
        }
    }
}
