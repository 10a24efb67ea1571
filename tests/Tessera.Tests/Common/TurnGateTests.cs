using Tessera.Common;

namespace Tessera.Tests.Common;

public sealed class TurnGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_caller_past_the_limit_waits_until_a_turn_is_given_back()
    {
        var gate = new TurnGate(2);
        var first = await gate.EnterAsync(Ct);
        using var second = await gate.EnterAsync(Ct);

        var third = gate.EnterAsync(Ct);
        await Task.Delay(50, Ct);
        Assert.False(third.IsCompleted);

        first.Dispose();
        first.Dispose();
        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(0, gate.Free);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_turn()
    {
        var gate = new TurnGate(1);
        using (await gate.EnterAsync(Ct))
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(cancel.Token));
        }

        Assert.Equal(1, gate.Free);
    }
}
