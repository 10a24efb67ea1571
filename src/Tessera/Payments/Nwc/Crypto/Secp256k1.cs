using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;

namespace Tessera.Payments.Nwc.Crypto;

/// <summary>
/// The secp256k1 curve as BIP-340 uses it: 32-byte big-endian scalars and x-only points whose y is even
/// (BouncyCastle's custom curve does the point arithmetic; the BIP's rules are written out here).
/// </summary>
internal static class Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve => Parameters.Curve;

    public static ECPoint G => Parameters.G;

    /// <summary>The group order n.</summary>
    public static BigInteger N => Parameters.N;

    /// <summary>The field size p.</summary>
    public static readonly BigInteger P = Parameters.Curve.Field.Characteristic;

    private static readonly BigInteger Seven = BigInteger.ValueOf(7);

    // p ≡ 3 (mod 4), so a square root of c is c^((p+1)/4).
    private static readonly BigInteger SqrtExponent = P.Add(BigInteger.One).ShiftRight(2);

    public static BigInteger ToInt(ReadOnlySpan<byte> bytes) => new(1, bytes.ToArray());

    public static byte[] ToBytes(BigInteger value) => BigIntegers.AsUnsignedByteArray(32, value);

    /// <summary>A secret key as a scalar in [1, n−1], or null when it is out of range.</summary>
    public static BigInteger? SecretScalar(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != 32)
        {
            return null;
        }

        var d = ToInt(secretKey);
        return d.SignValue == 0 || d.CompareTo(N) >= 0 ? null : d;
    }

    /// <summary>BIP-340 lift_x: the point with this x and an even y, or null when x ≥ p or x is not on the curve.</summary>
    public static ECPoint? LiftX(ReadOnlySpan<byte> x32)
    {
        if (x32.Length != 32)
        {
            return null;
        }

        var x = ToInt(x32);
        if (x.CompareTo(P) >= 0)
        {
            return null;
        }

        var c = x.ModPow(BigInteger.Three, P).Add(Seven).Mod(P);
        var y = c.ModPow(SqrtExponent, P);
        if (!y.ModPow(BigInteger.Two, P).Equals(c))
        {
            return null;
        }

        return Curve.CreatePoint(x, y.TestBit(0) ? P.Subtract(y) : y);
    }

    public static bool HasEvenY(ECPoint normalized) => !normalized.AffineYCoord.ToBigInteger().TestBit(0);

    /// <summary>The 32-byte x coordinate of a normalized point.</summary>
    public static byte[] XBytes(ECPoint normalized) => ToBytes(normalized.AffineXCoord.ToBigInteger());

    /// <summary>The x-only public key (BIP-340 bytes(d·G)) of a secret key.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> secretKey)
    {
        var d = SecretScalar(secretKey) ?? throw new ArgumentException("The secret key is not in [1, n-1].", nameof(secretKey));
        return XBytes(G.Multiply(d).Normalize());
    }
}
