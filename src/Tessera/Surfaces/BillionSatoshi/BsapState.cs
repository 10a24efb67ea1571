using Tessera.Storage;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// The surface's own persistent fact (<c>bsap_state</c>): whether the agent layer has been revealed. Written once with
/// <c>ON CONFLICT DO NOTHING</c> (racing nodes keep the first moment); once seen it is kept in memory (a reveal is for good). The MPP challenge key that used to live here is the Payments module's
/// (<see cref="Tessera.Payments.Mpp.MppChallenges"/>, moved by migration 0047).
/// </summary>
public sealed class BsapState(TesseraDatabase database, TimeProvider time)
{
    private const string AgentRevealName = "agent_layer_revealed_at";

    private bool _revealed;

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

    private async Task PutOnceAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("INSERT INTO bsap_state (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING")
            .With("@name", name).With("@value", value).With("@now", time.GetUtcNow().ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
    }
}
