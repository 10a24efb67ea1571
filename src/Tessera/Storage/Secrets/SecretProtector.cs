using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tessera.Storage.Secrets;

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per value and the purpose as associated data:
/// <c>enc1:&lt;key id&gt;:base64url(nonce ‖ ciphertext ‖ tag)</c>. Hashes are <c>hmac1:&lt;key id&gt;:base64url(HMAC-SHA256)</c>.
/// A short secret (a 32-byte key) takes about a microsecond either way, so callers decrypt where they read, and the
/// few secrets read on every request (output-link key, MPP key, node key) are kept decrypted by their owners.
/// </summary>
public sealed class SecretProtector(SecretKeyRing keys) : ISecretProtector
{
    public const string EncryptedPrefix = "enc1:";
    public const string HashPrefix = "hmac1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public string Protect(string plaintext, string purpose)
    {
        var key = keys.Current;
        return $"{EncryptedPrefix}{key.Id}:{Base64Url.EncodeToString(Seal(key, Encoding.UTF8.GetBytes(plaintext), purpose, 0))}";
    }

    public byte[] ProtectBytes(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var key = keys.Current;
        var header = Encoding.ASCII.GetBytes($"{EncryptedPrefix}{key.Id}:");
        var stored = Seal(key, plaintext, purpose, header.Length);
        header.CopyTo(stored, 0);
        return stored;
    }

    public byte[] UnprotectBytes(byte[] stored, string purpose)
    {
        var prefix = "enc1:"u8;
        if (!stored.AsSpan().StartsWith(prefix))
        {
            return stored; // a clear value written before encryption (an idempotent response from before; docs/idempotency.md)
        }

        var colon = stored.AsSpan(prefix.Length, Math.Min(64, stored.Length - prefix.Length)).IndexOf((byte)':');
        if (colon < 0)
        {
            throw new SecretUnavailableException(purpose, "");
        }

        var keyId = Encoding.ASCII.GetString(stored, prefix.Length, colon);
        var sealedValue = stored.AsSpan(prefix.Length + colon + 1);
        if (keys.Find(keyId) is not { } key || sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new SecretUnavailableException(purpose, keyId);
        }

        return Open(key, keyId, sealedValue, purpose);
    }

    /// <summary>nonce ‖ ciphertext ‖ tag, after <paramref name="offset"/> bytes left free for a header.</summary>
    private static byte[] Seal(SecretKey key, ReadOnlySpan<byte> clear, string purpose, int offset)
    {
        var stored = new byte[offset + NonceBytes + clear.Length + TagBytes];
        var sealedValue = stored.AsSpan(offset);
        var nonce = sealedValue[..NonceBytes];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.EncryptionKey, TagBytes);
        aes.Encrypt(nonce, clear, sealedValue.Slice(NonceBytes, clear.Length), sealedValue[(NonceBytes + clear.Length)..], Encoding.UTF8.GetBytes(purpose));
        return stored;
    }

    private static byte[] Open(SecretKey key, string keyId, ReadOnlySpan<byte> sealedValue, string purpose)
    {
        var clear = new byte[sealedValue.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key.EncryptionKey, TagBytes);
            aes.Decrypt(sealedValue[..NonceBytes], sealedValue.Slice(NonceBytes, clear.Length), sealedValue[(NonceBytes + clear.Length)..], clear, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnavailableException(purpose, keyId);
        }

        return clear;
    }

    public string Unprotect(string stored, string purpose)
    {
        if (!stored.StartsWith(EncryptedPrefix, StringComparison.Ordinal))
        {
            // A clear value written before encryption existed: still valid; SecretsUpgrade encrypts it at start.
            return stored;
        }

        var (keyId, payload) = Split(stored.AsSpan(EncryptedPrefix.Length));
        if (keys.Find(keyId) is not { } key || !Base64Url.IsValid(payload) || Base64Url.GetMaxDecodedLength(payload.Length) < NonceBytes + TagBytes)
        {
            throw new SecretUnavailableException(purpose, keyId);
        }

        var sealedValue = Base64Url.DecodeFromChars(payload);
        if (sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new SecretUnavailableException(purpose, keyId);
        }

        return Encoding.UTF8.GetString(Open(key, keyId, sealedValue, purpose));
    }

    public bool IsCurrent(string stored) =>
        stored.StartsWith(EncryptedPrefix, StringComparison.Ordinal)
        && stored.AsSpan(EncryptedPrefix.Length).StartsWith(keys.Current.Id, StringComparison.Ordinal)
        && stored.Length > EncryptedPrefix.Length + keys.Current.Id.Length
        && stored[EncryptedPrefix.Length + keys.Current.Id.Length] == ':';

    public string Hash(string value, string purpose) => $"{HashPrefix}{keys.Current.Id}:{Base64Url.EncodeToString(Mac(keys.Current, value, purpose))}";

    public bool HashMatches(string value, string stored, string purpose)
    {
        if (!stored.StartsWith(HashPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var (keyId, payload) = Split(stored.AsSpan(HashPrefix.Length));
        if (keys.Find(keyId) is not { } key || !Base64Url.IsValid(payload))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(key, value, purpose), Base64Url.DecodeFromChars(payload));
    }

    // Purposes are constants without a newline, so "purpose\nvalue" reads back one way only.
    private static byte[] Mac(SecretKey key, string value, string purpose) =>
        HMACSHA256.HashData(key.HashKey, Encoding.UTF8.GetBytes(purpose + "\n" + value));

    private static (string KeyId, string Payload) Split(ReadOnlySpan<char> rest)
    {
        var colon = rest.IndexOf(':');
        return colon < 0 ? (rest.ToString(), "") : (rest[..colon].ToString(), rest[(colon + 1)..].ToString());
    }
}
