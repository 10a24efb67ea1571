using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tessera.Storage.Secrets;

/// <summary>
/// The secret keys this server holds: the current one (configured, else the key file, made on first start) and the
/// previous ones a rotation keeps for reading. Each key is known by an id derived from it (8 hex digits), which every
/// ciphertext carries, so a value finds its key after a rotation.
/// </summary>
public sealed partial class SecretKeyRing
{
    public const int KeyBytes = 32;
    private const string KeyFileName = "secret.key";

    private readonly Dictionary<string, SecretKey> _keys = new(StringComparer.Ordinal);

    public SecretKeyRing(IOptions<SecretKeyOptions> options, IOptions<StorageOptions> storage, IConfiguration configuration, ILogger<SecretKeyRing> logger)
    {
        var configured = options.Value.ConfiguredKey();
        Current = configured is not null
            ? new SecretKey(Parse(configured, "Tessera:SecretKey / TESSERA_SECRET_KEY"))
            : new SecretKey(LoadOrCreateKeyFile(Path.Combine(storage.Value.Data, "keys"), logger));
        _keys[Current.Id] = Current;
        foreach (var previous in SecretKeyOptions.PreviousKeys(configuration))
        {
            var key = new SecretKey(Parse(previous, SecretKeyOptions.PreviousKeysSection));
            _keys.TryAdd(key.Id, key);
        }

        LogKeys(logger, Current.Id, configured is not null ? "configuration" : "key file", _keys.Count - 1);
    }

    /// <summary>The key new values are encrypted and hashed under.</summary>
    public SecretKey Current { get; }

    /// <summary>The key with <paramref name="id"/>, current or previous; null when this server does not have it.</summary>
    public SecretKey? Find(string id) => _keys.GetValueOrDefault(id);

    /// <summary>A new random key in the form the configuration takes (base64 of 32 bytes).</summary>
    public static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    private static byte[] Parse(string text, string source)
    {
        var buffer = new byte[KeyBytes + 3];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != KeyBytes)
        {
            // A wrong key would make every stored secret unreadable: refuse to start rather than run half-broken.
            throw new OptionsValidationException(source, typeof(SecretKeyOptions),
                [$"{source} must be base64 of {KeyBytes} random bytes (make one with: openssl rand -base64 32)."]);
        }

        return buffer[..KeyBytes];
    }

    /// <summary>
    /// <c>{directory}/secret.key</c>, made 0600 in a 0700 directory when missing. Written to a temporary file and linked
    /// into place without overwriting, so nodes starting together on one data directory all end with the first key.
    /// </summary>
    private static byte[] LoadOrCreateKeyFile(string directory, ILogger logger)
    {
        OwnerOnlyFiles.EnsureDirectory(directory);
        var path = Path.Combine(directory, KeyFileName);
        if (!File.Exists(path))
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var file = new FileStream(temporary, OwnerOnlyFiles.NewFile()))
            {
                file.Write(Encoding.ASCII.GetBytes(NewKeyText() + "\n"));
                file.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                LogKeyFileCreated(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        OwnerOnlyFiles.TightenFile(path);
        return Parse(File.ReadAllText(path), path);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Made a new secret key at {Path}: back it up with the database (without it, stored secrets cannot be read), or set TESSERA_SECRET_KEY; see docs/secrets.md")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Secret key {KeyId} from the {Source}; {Previous} previous key(s) kept for reading")]
    private static partial void LogKeys(ILogger logger, string keyId, string source, int previous);
}

/// <summary>One secret key and the two keys derived from it (HKDF-SHA256): one to encrypt, one to hash.</summary>
public sealed class SecretKey
{
    public SecretKey(byte[] material)
    {
        Id = Convert.ToHexStringLower(SHA256.HashData([.. "tessera/secret-key-id\n"u8, .. material])[..4]);
        EncryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, [], "tessera/aes-256-gcm/v1"u8.ToArray());
        HashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, [], "tessera/hmac-sha256/v1"u8.ToArray());
    }

    /// <summary>8 hex digits of a hash of the key: names the key in ciphertexts and logs without revealing it.</summary>
    public string Id { get; }

    internal byte[] EncryptionKey { get; }

    internal byte[] HashKey { get; }
}
