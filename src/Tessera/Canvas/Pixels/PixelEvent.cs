namespace Tessera.Canvas.Pixels;

/// <summary>One committed write, as the change feed and the live stream carry it.</summary>
public sealed record PixelEvent(string Canvas, long Seq, string AccountId, DateTimeOffset At, IReadOnlyList<PixelChange> Pixels);
