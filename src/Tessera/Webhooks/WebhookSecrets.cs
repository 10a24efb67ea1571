using Microsoft.Extensions.Options;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Webhooks;

/// <summary>
/// One signing secret per account, in the database so every node signs alike. Made on first use; a rotation keeps
/// the previous secret signing beside the new one for <see cref="WebhooksOptions.RotationOverlap"/>, so receivers
/// can switch without losing deliveries (Standard Webhooks' zero-downtime rotation). Both columns hold the secret
/// encrypted (<see cref="ISecretProtector"/>, docs/secrets.md): a copy of the database cannot forge a signature.
/// </summary>
public sealed class WebhookSecrets(TesseraDatabase database, ISecretProtector protector, TimeProvider time, IOptions<WebhooksOptions> options)
{
    /// <summary>The purpose both columns are encrypted for (a rotation moves a value from one to the other as it is).</summary>
    public const string Purpose = "webhooks.secret";

    /// <summary>The account's secret (<c>whsec_</c> + base64 of 32 bytes), created now if it has none.</summary>
    public async Task<string> GetOrCreateSecretAsync(string accountId, CancellationToken cancellationToken = default)
    {
        return (await SigningSecretsAsync(accountId, cancellationToken))[0];
    }

    /// <summary>Replaces the account's secret with a new one and returns it; the old one still signs for the overlap.</summary>
    public async Task<string> RotateSecretAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSignature.NewSecret();
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""
            INSERT INTO webhook_secrets (account_id, secret, created_at) VALUES (@account, @secret, @now)
            ON CONFLICT (account_id) DO UPDATE SET
                previous_secret = webhook_secrets.secret, previous_expires_at = @previous_expires, secret = excluded.secret
            """)
            .With("@account", accountId)
            .With("@secret", protector.Protect(secret, Purpose))
            .With("@now", now.ToUnixTimeMilliseconds())
            .With("@previous_expires", (now + options.Value.RotationOverlap).ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        return secret;
    }

    /// <summary>The secrets a delivery is signed with now: the current one first, then the previous one while it overlaps.</summary>
    internal async Task<IReadOnlyList<string>> SigningSecretsAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var round = 0; ; round++)
        {
            await using (var reader = await connection.Command("SELECT secret, previous_secret, previous_expires_at FROM webhook_secrets WHERE account_id = @account")
                .With("@account", accountId)
                .ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    var overlapping = !reader.IsDBNull(1) && reader.GetInt64(2) > time.GetUtcNow().ToUnixTimeMilliseconds();
                    var current = protector.Unprotect(reader.GetString(0), Purpose);
                    return overlapping ? [current, protector.Unprotect(reader.GetString(1), Purpose)] : [current];
                }
            }

            if (round > 0)
            {
                throw new InvalidOperationException($"The webhook secret of {accountId} was not stored.");
            }

            // First use: two nodes may race here; the primary key keeps the first secret and both read it back.
            await connection.Command("INSERT INTO webhook_secrets (account_id, secret, created_at) VALUES (@account, @secret, @now) ON CONFLICT (account_id) DO NOTHING")
                .With("@account", accountId)
                .With("@secret", protector.Protect(WebhookSignature.NewSecret(), Purpose))
                .With("@now", time.GetUtcNow().ToUnixTimeMilliseconds())
                .ExecuteAndDisposeAsync(cancellationToken);
        }
    }
}
