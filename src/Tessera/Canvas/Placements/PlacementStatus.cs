namespace Tessera.Canvas.Placements;

/// <summary>
/// A placement's status: <c>pending_payment</c> → <c>active</c> (paid) | <c>expired</c> (invoice expired unpaid);
/// <c>active</c> → <c>hidden</c> (flagged by enough IPs, pending review); <c>active</c> | <c>hidden</c> → <c>removed</c> (taken
/// down by the operator) or, from <c>hidden</c>, back to <c>active</c> (restored). All but <c>expired</c> and <c>removed</c>
/// block the square.
/// </summary>
public static class PlacementStatus
{
    public const string PendingPayment = "pending_payment";
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Hidden = "hidden";
    public const string Removed = "removed";

    public static IReadOnlyList<string> All { get; } = [PendingPayment, Active, Expired, Hidden, Removed];

    public static bool Blocks(string status) => status is PendingPayment or Active or Hidden;
}
