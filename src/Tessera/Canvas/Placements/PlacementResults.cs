namespace Tessera.Canvas.Placements;

/// <summary>A top-left corner on the canvas.</summary>
public readonly record struct CanvasPoint(int X, int Y);

/// <summary>
/// <see cref="PlacementService.QuoteAsync"/>: whether the square is free, its price, and when it is not, the nearest
/// free position for the same size (null when the square is free, or when no position is free).
/// </summary>
public sealed record PlacementQuote(bool Available, long Sats, long Pixels, CanvasPoint? Nearest);

/// <summary><see cref="PlacementService.AvailableAsync"/>: free or not, and the nearest free position when not.</summary>
public sealed record PlacementAvailability(bool Available, CanvasPoint? Nearest);

/// <summary><see cref="PlacementService.ActivateAsync"/>: <see cref="Activated"/> is true for exactly one call per placement.</summary>
public sealed record PlacementActivation(bool Activated, Placement Placement);

/// <summary><see cref="PlacementService.FlagAsync"/>: whether this IP's flag counted (first from it), the total, and whether the placement is now hidden.</summary>
public sealed record PlacementFlag(bool Counted, int Flags, bool Hidden);

/// <summary>
/// <see cref="PlacementService.StatsAsync"/>: active pixels and their share of the canvas (the 95% that reveals the
/// agent layer), sats raised (every paid placement, hidden ones included), and placements per status.
/// </summary>
public sealed record PlacementStats(long ActivePixels, double FilledPercent, long SatsRaised, IReadOnlyDictionary<string, long> CountsByStatus);
