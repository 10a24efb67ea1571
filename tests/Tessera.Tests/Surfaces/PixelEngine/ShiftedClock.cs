namespace Tessera.Tests.Surfaces.PixelEngine;

/// <summary>
/// The system clock moved forward on demand: the server runs in real time (its workers, leases and timers), and a test
/// can jump past a link's hour without waiting it out.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Volatile.Read(ref _offsetTicks));
}
