using System.Security.Cryptography;
using Tessera.Payments.Bolt11;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Payments.DevWallet;

/// <summary>
/// The dev wallet's regtest node key: made once, by whichever node starts first, and kept in <c>payments_dev_node</c>
/// so that every node signs invoices as the same Lightning node and any of them can pay any invoice. The private key is
/// stored encrypted (<see cref="ISecretProtector"/>) and kept decrypted in memory once loaded.
/// </summary>
public sealed class DevNode(TesseraDatabase database, ISecretProtector protector, TimeProvider time, ILogger<DevNode> logger)
{
    internal const string KeyPurpose = "payments.dev_node_key";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private (byte[] PrivateKey, string PublicKey)? _key;

    public async Task<(byte[] PrivateKey, string PublicKey)> GetKeyAsync(CancellationToken cancellationToken = default)
    {
        if (_key is { } loaded)
        {
            return loaded;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            _key ??= await LoadOrCreateAsync(cancellationToken);
            return _key.Value;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<(byte[] PrivateKey, string PublicKey)> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var privateKey = new byte[32];
        do
        {
            RandomNumberGenerator.Fill(privateKey);
        }
        while (!Secp256k1.IsValidPrivateKey(privateKey));

        var publicKey = Convert.ToHexStringLower(Secp256k1.PublicKey(privateKey));
        await using var connection = await database.OpenAsync(cancellationToken);
        // Two nodes starting together both try; the first insert wins and both read the winner.
        var inserted = await connection.Command(
                "INSERT INTO payments_dev_node (id, private_key, public_key, created_at) VALUES (1, @key, @public, @at) ON CONFLICT (id) DO NOTHING")
            .With("@key", protector.Protect(Convert.ToHexStringLower(privateKey), KeyPurpose))
            .With("@public", publicKey)
            .With("@at", time.GetUtcNow().ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        if (inserted == 1)
        {
            Log.DevNodeCreated(logger, publicKey);
        }

        await using var reader = await connection.Command("SELECT private_key, public_key FROM payments_dev_node WHERE id = 1").ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (Convert.FromHexString(protector.Unprotect(reader.GetString(0), KeyPurpose)), reader.GetString(1));
    }
}
