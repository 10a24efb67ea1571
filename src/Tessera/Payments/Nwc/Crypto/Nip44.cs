using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Tessera.Common;

namespace Tessera.Payments.Nwc.Crypto;

/// <summary>
/// NIP-44 version 2 encrypted payloads: secp256k1 ECDH → HKDF → ChaCha20 (IETF) with padding, HMAC-SHA256 over
/// nonce ‖ ciphertext, base64 of <c>0x02 ‖ nonce(32) ‖ ciphertext ‖ mac(32)</c>.
/// </summary>
public static class Nip44
{
    public const int MinPlaintextSize = 1;
    public const int MaxPlaintextSize = 65535;

    private const byte Version = 2;
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("nip44-v2");

    /// <summary>
    /// The conversation key of a secret key and the other side's x-only public key: HKDF-extract(salt "nip44-v2",
    /// ikm = x of sec·P). Symmetric: (a, B) and (b, A) give the same key. Throws on an invalid secret or public key.
    /// </summary>
    public static byte[] ConversationKey(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> publicKey)
    {
        var d = Secp256k1.SecretScalar(secretKey) ?? throw new ArgumentException("The secret key is not in [1, n-1].", nameof(secretKey));
        var point = Secp256k1.LiftX(publicKey) ?? throw new ArgumentException("The public key is not an x coordinate on secp256k1.", nameof(publicKey));
        var shared = point.Multiply(d).Normalize();
        if (shared.IsInfinity)
        {
            throw new ArgumentException("ECDH gave the point at infinity.", nameof(publicKey));
        }

        // HKDF-extract is HMAC(salt, ikm) (RFC 5869 §2.2).
        return HMACSHA256.HashData(Salt, Secp256k1.XBytes(shared));
    }

    /// <summary>HKDF-expand(conversation key, info = nonce, 76) split into the ChaCha key, ChaCha nonce and HMAC key.</summary>
    public static MessageKeys GetMessageKeys(ReadOnlySpan<byte> conversationKey, ReadOnlySpan<byte> nonce)
    {
        if (conversationKey.Length != 32 || nonce.Length != 32)
        {
            throw new ArgumentException("The conversation key and the nonce are 32 bytes each.");
        }

        var hkdf = new HkdfBytesGenerator(new Sha256Digest());
        hkdf.Init(HkdfParameters.SkipExtractParameters(conversationKey.ToArray(), nonce.ToArray()));
        var keys = new byte[76];
        hkdf.GenerateBytes(keys, 0, keys.Length);
        return new MessageKeys(keys[..32], keys[32..44], keys[44..76]);
    }

    /// <summary>The padded length of a plaintext: 32 up to 32 bytes, then chunks of 32 up to 256 and of next-power/8 beyond.</summary>
    public static int CalcPaddedLength(int unpaddedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unpaddedLength);
        if (unpaddedLength <= 32)
        {
            return 32;
        }

        var nextPower = 1 << (32 - int.LeadingZeroCount(unpaddedLength - 1));
        var chunk = nextPower <= 256 ? 32 : nextPower / 8;
        return chunk * (((unpaddedLength - 1) / chunk) + 1);
    }

    /// <summary>Encrypts with a fresh random 32-byte nonce.</summary>
    public static string Encrypt(string plaintext, ReadOnlySpan<byte> conversationKey) =>
        Encrypt(plaintext, conversationKey, RandomNumberGenerator.GetBytes(32));

    /// <summary>Encrypts with the given nonce (tests and vectors; real messages use a random one).</summary>
    public static string Encrypt(string plaintext, ReadOnlySpan<byte> conversationKey, ReadOnlySpan<byte> nonce)
    {
        var keys = GetMessageKeys(conversationKey, nonce);
        var padded = Pad(plaintext);
        var ciphertext = ChaCha20(keys.ChachaKey, keys.ChachaNonce, padded);
        var mac = Mac(keys.HmacKey, nonce, ciphertext);
        return Convert.ToBase64String([Version, .. nonce, .. ciphertext, .. mac]);
    }

    /// <summary>Decrypts a payload, checking version, sizes, the MAC (in constant time) and the padding.</summary>
    public static Result<string> Decrypt(string payload, ReadOnlySpan<byte> conversationKey)
    {
        // Sizes from the NIP: a 1-byte plaintext pads to 32 → 1+32+34+32 = 99 bytes = 132 base64 characters;
        // a 65535-byte one pads to 65536 → 65603 bytes = 87472 characters.
        if (payload.Length > 0 && payload[0] == '#')
        {
            return Failure("nip44_unknown_version", "The payload's encryption version is not supported.");
        }

        if (payload.Length < 132 || payload.Length > 87472)
        {
            return Failure("nip44_invalid_payload", "The payload's length is invalid.");
        }

        var data = new byte[(payload.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(payload, data, out var dataLength))
        {
            return Failure("nip44_invalid_payload", "The payload is not valid base64.");
        }

        if (dataLength < 99 || dataLength > 65603)
        {
            return Failure("nip44_invalid_payload", "The decoded payload's length is invalid.");
        }

        if (data[0] != Version)
        {
            return Failure("nip44_unknown_version", $"Encryption version {data[0]} is not supported.");
        }

        var nonce = data.AsSpan(1, 32);
        var ciphertext = data.AsSpan(33, dataLength - 65);
        var mac = data.AsSpan(dataLength - 32, 32);
        var keys = GetMessageKeys(conversationKey, nonce);
        if (!CryptographicOperations.FixedTimeEquals(Mac(keys.HmacKey, nonce, ciphertext), mac))
        {
            return Failure("nip44_invalid_mac", "The payload's MAC does not match.");
        }

        var padded = ChaCha20(keys.ChachaKey, keys.ChachaNonce, ciphertext);
        var length = BinaryPrimitives.ReadUInt16BigEndian(padded);
        if (length < MinPlaintextSize || padded.Length != 2 + CalcPaddedLength(length))
        {
            return Failure("nip44_invalid_padding", "The payload's padding is invalid.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(padded, 2, length);
        }
        catch (DecoderFallbackException)
        {
            return Failure("nip44_invalid_payload", "The plaintext is not UTF-8.");
        }
    }

    private static byte[] Pad(string plaintext)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        if (bytes.Length is < MinPlaintextSize or > MaxPlaintextSize)
        {
            throw new ArgumentException($"A NIP-44 plaintext is {MinPlaintextSize}–{MaxPlaintextSize} bytes of UTF-8; this one is {bytes.Length}.", nameof(plaintext));
        }

        var padded = new byte[2 + CalcPaddedLength(bytes.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(padded, (ushort)bytes.Length);
        bytes.CopyTo(padded, 2);
        return padded;
    }

    private static byte[] ChaCha20(byte[] key, byte[] nonce, ReadOnlySpan<byte> input)
    {
        var engine = new ChaCha7539Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        var output = new byte[input.Length];
        engine.ProcessBytes(input, output);
        return output;
    }

    private static byte[] Mac(byte[] hmacKey, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hmacKey);
        hmac.AppendData(nonce);
        hmac.AppendData(ciphertext);
        return hmac.GetHashAndReset();
    }

    private static Error Failure(string code, string message) => new(code, message, 400);
}
