namespace Tessera.Canvas.Placements;

/// <summary>
/// A placement's status: <c>pending_payment</c> → <c>active</c> (paid) | <c>expired</c> (invoice expired unpaid);
/// <c>active</c> → <c>hidden</c> (flagged by enough IPs, pending review). All but <c>expired</c> block the square.
/// </summary>
public static class PlacementStatus
{
    public const string PendingPayment = "pending_payment";
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Hidden = "hidden";

    public static IReadOnlyList<string> All { get; } = [PendingPayment, Active, Expired, Hidden];

    public static bool Blocks(string status) => status is PendingPayment or Active or Hidden;
}
