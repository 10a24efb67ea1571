using System.Runtime.CompilerServices;
using Tessera.Common;

namespace Tessera.Canvas.Placements;

/// <summary>
/// The placement codes beyond the common ones. <c>region_taken</c> (409) carries the nearest free position: the shared
/// <see cref="Error"/> record has no slot for data, so it is attached to the error instance and read back with
/// <see cref="NearestOf"/>.
/// </summary>
public static class PlacementErrors
{
    public const string RegionTaken = "region_taken";
    public const string TooManyUnpaid = "too_many_unpaid";
    public const string UnpaidAreaExceeded = "unpaid_area_exceeded";
    public const string NotActive = "not_active";

    /// <summary>A preimage that answers no invoice of this canvas (or not the one named).</summary>
    public static readonly Error InvalidPreimage = new("invalid_preimage", "The preimage does not match the placement's payment hash.", 400);

    private static readonly ConditionalWeakTable<Error, StrongBox<CanvasPoint?>> Nearest = [];

    /// <summary>The nearest free position a <c>region_taken</c> error carries (null: none, or another error).</summary>
    public static CanvasPoint? NearestOf(Error error) => Nearest.TryGetValue(error, out var box) ? box.Value : null;

    internal static Error Taken(int x, int y, int size, CanvasPoint? nearest)
    {
        var where = nearest is { } point ? $" The nearest free position for that size is ({point.X},{point.Y})." : " No position is free for that size.";
        var error = Error.Conflict(RegionTaken, $"The {size}x{size} square at ({x},{y}) overlaps another placement.{where}");
        Nearest.Add(error, new StrongBox<CanvasPoint?>(nearest));
        return error;
    }

    internal static Error Unpaid(string who, int limit) =>
        new(TooManyUnpaid, $"This {who} already holds {limit} unpaid reservations; pay or let one expire first.", 429);

    /// <summary>The backend does not show the price received: unpaid, underpaid, or unknown to the node (402).</summary>
    internal static Error NotPaidInFull(string id, long paidMsat, long priceSats) => new("payment_insufficient",
        $"The invoice of placement {id} shows {paidMsat / 1000} sats received of its {priceSats}; the square stays unpaid. Pay the invoice in full.", 402);

    internal static Error UnpaidArea(string who, long held, long area, long limit) => new(UnpaidAreaExceeded, held == 0
        ? $"A square of {area} pixels is more than one {who} may hold unpaid ({limit} pixels); reserve a smaller square."
        : $"This {who} already holds {held} unpaid pixels; {area} more would pass the limit of {limit}. Pay or let a reservation expire first, or reserve a smaller square.", 429);
}
