using System.Data.Common;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Verification;

/// <summary>
/// Token use by the placement flow. DECISIONS.md: a token is spent when a reservation is created, and until it expires
/// it still opens <c>GET /api/canvas/agent-image</c>. Whether a token passes was fixed when it was issued, under the
/// mode and threshold of that moment.
/// </summary>
public sealed partial class VerificationService
{
    /// <summary>What <paramref name="token"/> is now: unknown, valid, spent or expired; nothing changes.</summary>
    public async Task<TokenCheck> CheckTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (VerificationTokens.Hash(token) is not { } hash)
        {
            return TokenCheck.Unknown;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await CheckTokenAsync(hash, connection, transaction: null, cancellationToken);
    }

    private async Task<TokenCheck> CheckTokenAsync(string hash, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT score, passes, expires_at, spent_at FROM verification_tokens WHERE token_hash = @hash", transaction).With("@hash", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return TokenCheck.Unknown;
        }

        var expiresAt = Long(reader, 2);
        var state = expiresAt <= time.GetUtcNow().ToUnixTimeMilliseconds() ? TokenState.Expired
            : reader.IsDBNull(3) ? TokenState.Valid
            : TokenState.Spent;
        return new TokenCheck(state, Long(reader, 1) == 1, (int)Long(reader, 0), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt));
    }

    /// <summary>
    /// Spends <paramref name="token"/> once: of any number of racing calls (on any node) exactly one succeeds, by a
    /// conditional UPDATE. A token that does not pass is spent all the same; the caller decides what passing means for
    /// it. Fails with <c>invalid_verification_token</c>, <c>verification_token_expired</c> or <c>verification_token_spent</c>.
    /// </summary>
    public async Task<Result<SpentToken>> SpendTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SpendTokenAsync(token, connection, transaction: null, cancellationToken);
    }

    /// <summary>
    /// Spends <paramref name="token"/> inside the caller's write <paramref name="transaction"/>, so the spend commits or
    /// rolls back with what the token pays for (a placement's reservation: one token, one reservation, never a
    /// reservation whose token another request spent). Racing transactions serialise on the token's row: the first
    /// to commit wins, the others find it spent. Same answers as <see cref="SpendTokenAsync(string?, CancellationToken)"/>.
    /// </summary>
    public async Task<Result<SpentToken>> SpendTokenAsync(string? token, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        if (VerificationTokens.Hash(token) is not { } hash)
        {
            return VerificationErrors.TokenInvalid;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var command = connection.Command("""
            UPDATE verification_tokens SET spent_at = @now
            WHERE token_hash = @hash AND spent_at IS NULL AND expires_at > @now
            RETURNING passes, score
            """, transaction).With("@now", now).With("@hash", hash))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var spent = new SpentToken(Long(reader, 0) == 1, (int)Long(reader, 1));
                Log.TokenSpent(logger, spent.Passes, spent.Score);
                return spent;
            }
        }

        // Lost: say why, from the row as this transaction sees it now.
        return (await CheckTokenAsync(hash, connection, transaction, cancellationToken)).State switch
        {
            TokenState.Unknown => VerificationErrors.TokenInvalid,
            TokenState.Expired => VerificationErrors.TokenExpired,
            _ => VerificationErrors.TokenSpent,
        };
    }

    /// <summary>Whether <paramref name="token"/> opens the agent image: a passing token, spent or not, until it expires.</summary>
    public async Task<bool> IsValidForViewingAsync(string? token, CancellationToken cancellationToken = default)
    {
        var check = await CheckTokenAsync(token, cancellationToken);
        return check.Passes && check.State is TokenState.Valid or TokenState.Spent;
    }

    /// <summary>Deletes sessions and tokens that expired more than <see cref="VerificationOptions.Retention"/> ago; returns the sessions deleted.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = (time.GetUtcNow() - Options.Retention).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        await connection.Command("DELETE FROM verification_tokens WHERE expires_at < @cutoff", transaction)
            .With("@cutoff", cutoff).ExecuteAndDisposeAsync(cancellationToken);

        // Challenges go with their session (ON DELETE CASCADE); a session whose token still lives stays.
        var sessions = await connection.Command("""
            DELETE FROM verification_sessions
            WHERE expires_at < @cutoff AND NOT EXISTS (SELECT 1 FROM verification_tokens t WHERE t.session_id = verification_sessions.id)
            """, transaction)
            .With("@cutoff", cutoff).ExecuteAndDisposeAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sessions;
    }
}
