using System.Buffers.Text;
using System.Security.Cryptography;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>
/// The operator's key. <c>TESSERA_ADMIN_KEY</c> (or <c>Tessera:AdminKey</c>) sets it; otherwise one is generated on
/// first start, printed once to the console, and only its SHA-256 is stored (<c>settings.operator_key_sha256</c>).
/// </summary>
public sealed partial class OperatorKey(IConfiguration configuration, TesseraDatabase database, ILogger<OperatorKey> logger) : IStartupTask
{
    private const string SettingName = "operator_key_sha256";
    private byte[]? _hash;

    public bool Matches(ReadOnlySpan<byte> presentedHash) =>
        _hash is { } hash && CryptographicOperations.FixedTimeEquals(presentedHash, hash);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var configured = configuration["Tessera:AdminKey"] is { Length: > 0 } fromConfig
            ? fromConfig
            : Environment.GetEnvironmentVariable("TESSERA_ADMIN_KEY");
        if (!string.IsNullOrEmpty(configured))
        {
            _hash = KeyFormat.Hash(configured);
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.Command("SELECT value FROM settings WHERE name = @name").With("@name", SettingName)
            .ScalarAndDisposeAsync(cancellationToken) as string;
        if (stored is not null)
        {
            _hash = Convert.FromHexString(stored);
            return;
        }

        var key = "tak_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var hash = KeyFormat.Hash(key);
        var inserted = await connection.Command("INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING")
            .With("@name", SettingName)
            .With("@value", Convert.ToHexString(hash))
            .ExecuteAndDisposeAsync(cancellationToken);
        if (inserted == 0)
        {
            // Another node won the race to make the key; use theirs.
            var theirs = (string)(await connection.Command("SELECT value FROM settings WHERE name = @name").With("@name", SettingName)
                .ScalarAndDisposeAsync(cancellationToken))!;
            _hash = Convert.FromHexString(theirs);
            return;
        }

        _hash = hash;
        await Console.Out.WriteLineAsync($"""

            ================================================================
             Tessera operator key (shown once; only its hash is stored):
               {key}
             Use it as: Authorization: Bearer <key>  on /admin/v1
            ================================================================

            """);
        LogGenerated(logger);
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Generated a new operator key and printed it to the console; set TESSERA_ADMIN_KEY to choose your own")]
    private static partial void LogGenerated(ILogger logger);
}
