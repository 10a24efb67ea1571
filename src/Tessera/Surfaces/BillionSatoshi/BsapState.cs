using System.Security.Cryptography;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// The surface's own persistent facts (<c>bsap_state</c>): the MPP challenge key, and whether the agent layer has been
/// revealed. Each is written once with <c>ON CONFLICT DO NOTHING</c> and read back, so racing nodes agree on the first
/// value; a fact once read is kept in memory (neither changes after it exists). The challenge key is stored encrypted
/// (<see cref="ISecretProtector"/>): a copy of the database cannot mint challenge ids.
/// </summary>
public sealed class BsapState(TesseraDatabase database, ISecretProtector protector, TimeProvider time)
{
    internal const string ChallengeKeyName = "mpp_challenge_key";
    internal const string ChallengeKeyPurpose = "bsap.mpp_challenge_key";
    private const string AgentRevealName = "agent_layer_revealed_at";

    private byte[]? _challengeKey;
    private bool _revealed;

    /// <summary>The HMAC key binding challenge ids to their parameters: 32 random bytes made by the first node that needs it.</summary>
    public async ValueTask<byte[]> ChallengeKeyAsync(CancellationToken cancellationToken)
    {
        if (_challengeKey is { } key)
        {
            return key;
        }

        var value = await PutOnceAsync(ChallengeKeyName, protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ChallengeKeyPurpose), cancellationToken);
        return _challengeKey = Convert.FromBase64String(protector.Unprotect(value, ChallengeKeyPurpose));
    }

    /// <summary>Whether the agent layer has ever been revealed (the canvas was ≥ 95% full once).</summary>
    public async ValueTask<bool> IsAgentLayerRevealedAsync(CancellationToken cancellationToken)
    {
        if (_revealed)
        {
            return true;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        _revealed = await connection.Command("SELECT COUNT(*) FROM bsap_state WHERE name = @name").With("@name", AgentRevealName)
            .ScalarLongAndDisposeAsync(cancellationToken) > 0;
        return _revealed;
    }

    /// <summary>Records the reveal, for good.</summary>
    public async Task RevealAgentLayerAsync(CancellationToken cancellationToken)
    {
        await PutOnceAsync(AgentRevealName, time.GetUtcNow().ToString("O"), cancellationToken);
        _revealed = true;
    }

    private async Task<string> PutOnceAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("INSERT INTO bsap_state (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING")
            .With("@name", name).With("@value", value).With("@now", time.GetUtcNow().ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        await using var read = connection.Command("SELECT value FROM bsap_state WHERE name = @name").With("@name", name);
        return (string)(await read.ExecuteScalarAsync(cancellationToken))!;
    }
}
