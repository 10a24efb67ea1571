namespace Tessera.Storage.Secrets;

/// <summary>
/// Keeps secrets in the database unreadable without the server's secret key, which lives outside the database
/// (<c>TESSERA_SECRET_KEY</c> or <c>{Data}/keys/secret.key</c>): a copy of the database alone opens nothing.
/// A <c>purpose</c> names the column a value belongs to and is bound into it, so a value cannot be moved to another column.
/// </summary>
public interface ISecretProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/> under the current key: <c>enc1:&lt;key id&gt;:&lt;base64url&gt;</c>.</summary>
    string Protect(string plaintext, string purpose);

    /// <summary>
    /// The plaintext of a stored value. A value without the <c>enc1:</c> prefix is a clear value from before encryption
    /// and is returned as it is (the start-up upgrade encrypts it). Throws <see cref="SecretUnavailableException"/> when
    /// the value was encrypted under a key this server does not have, or was altered.
    /// </summary>
    string Unprotect(string stored, string purpose);

    /// <summary>
    /// Encrypts bytes (a stored response body) the same way, without text encoding: ASCII <c>enc1:&lt;key id&gt;:</c>
    /// followed by the raw nonce ‖ ciphertext ‖ tag, so a body costs 28 bytes more, not a third more.
    /// </summary>
    byte[] ProtectBytes(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>
    /// The plaintext of bytes from <see cref="ProtectBytes"/>. Bytes without the <c>enc1:</c> prefix are a clear value
    /// from before encryption and are returned as they are; a missing key or altered bytes throw
    /// <see cref="SecretUnavailableException"/>.
    /// </summary>
    byte[] UnprotectBytes(byte[] stored, string purpose);

    /// <summary>Whether <paramref name="stored"/> is already encrypted under the current key (nothing to upgrade).</summary>
    bool IsCurrent(string stored);

    /// <summary>A keyed hash (HMAC-SHA256 under a key derived from the secret key) for values that are only ever compared.</summary>
    string Hash(string value, string purpose);

    /// <summary>Whether <paramref name="value"/> hashes to <paramref name="stored"/>, compared in constant time.</summary>
    bool HashMatches(string value, string stored, string purpose);
}
