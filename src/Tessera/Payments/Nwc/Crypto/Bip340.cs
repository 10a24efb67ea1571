using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;

namespace Tessera.Payments.Nwc.Crypto;

/// <summary>
/// BIP-340 Schnorr signatures over secp256k1, written against the BIP's "Default Signing" and "Verification"
/// algorithms: 32-byte x-only public keys, 64-byte signatures, messages of any length.
/// </summary>
public static class Bip340
{
    private static readonly byte[] AuxTag = TagPrefix("BIP0340/aux");
    private static readonly byte[] NonceTag = TagPrefix("BIP0340/nonce");
    private static readonly byte[] ChallengeTag = TagPrefix("BIP0340/challenge");

    /// <summary>The x-only public key of a 32-byte secret key in [1, n−1].</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> secretKey) => Secp256k1.PublicKey(secretKey);

    /// <summary>Signs <paramref name="message"/>; <paramref name="auxRand"/> is 32 bytes of fresh randomness (BIP-340 recommends it).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> auxRand)
    {
        if (auxRand.Length != 32)
        {
            throw new ArgumentException("aux_rand must be 32 bytes.", nameof(auxRand));
        }

        var n = Secp256k1.N;
        var d0 = Secp256k1.SecretScalar(secretKey) ?? throw new ArgumentException("The secret key is not in [1, n-1].", nameof(secretKey));
        var publicPoint = Secp256k1.G.Multiply(d0).Normalize();
        var d = Secp256k1.HasEvenY(publicPoint) ? d0 : n.Subtract(d0);
        var publicKey = Secp256k1.XBytes(publicPoint);

        var t = Secp256k1.ToBytes(d);
        var auxHash = TaggedHash(AuxTag, auxRand);
        for (var i = 0; i < 32; i++)
        {
            t[i] ^= auxHash[i];
        }

        var rand = TaggedHash(NonceTag, [.. t, .. publicKey, .. message]);
        var k0 = Secp256k1.ToInt(rand).Mod(n);
        if (k0.SignValue == 0)
        {
            // Probability ~2^-256; the BIP says fail rather than retry.
            throw new CryptographicException("BIP-340 nonce is zero.");
        }

        var r = Secp256k1.G.Multiply(k0).Normalize();
        var k = Secp256k1.HasEvenY(r) ? k0 : n.Subtract(k0);
        var rBytes = Secp256k1.XBytes(r);
        var e = Challenge(rBytes, publicKey, message);
        var signature = new byte[64];
        rBytes.CopyTo(signature, 0);
        Secp256k1.ToBytes(k.Add(e.Multiply(d)).Mod(n)).CopyTo(signature, 32);

        // The BIP's last step: never hand out a signature that does not verify (a fault would leak the key).
        if (!Verify(publicKey, message, signature))
        {
            throw new CryptographicException("BIP-340 signature failed its own verification.");
        }

        return signature;
    }

    /// <summary>True when <paramref name="signature"/> is a valid BIP-340 signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        var p = Secp256k1.LiftX(publicKey);
        if (p is null)
        {
            return false;
        }

        var r = Secp256k1.ToInt(signature[..32]);
        var s = Secp256k1.ToInt(signature[32..]);
        if (r.CompareTo(Secp256k1.P) >= 0 || s.CompareTo(Secp256k1.N) >= 0)
        {
            return false;
        }

        var e = Challenge(signature[..32], publicKey, message);
        var rPoint = Secp256k1.G.Multiply(s).Add(p.Multiply(Secp256k1.N.Subtract(e))).Normalize();
        return !rPoint.IsInfinity && Secp256k1.HasEvenY(rPoint) && rPoint.AffineXCoord.ToBigInteger().Equals(r);
    }

    private static BigInteger Challenge(ReadOnlySpan<byte> r, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message) =>
        Secp256k1.ToInt(TaggedHash(ChallengeTag, [.. r, .. publicKey, .. message])).Mod(Secp256k1.N);

    /// <summary>hash_tag(x) = SHA256(SHA256(tag) ‖ SHA256(tag) ‖ x); the 64-byte prefix is computed once per tag.</summary>
    private static byte[] TaggedHash(byte[] prefix, ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(prefix);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    private static byte[] TagPrefix(string tag)
    {
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        return [.. tagHash, .. tagHash];
    }
}
