namespace Tessera.Canvas.Placements;

/// <summary>
/// A square of a placement canvas, <c>[X, X+Size) × [Y, Y+Size)</c>, bought whole for <see cref="Sats"/>. Images are
/// blob hashes (IBlobStore) of sanitized PNG re-encodes, at most 1024 pixels square.
/// </summary>
public sealed record Placement(
    string Id,
    string Canvas,
    int X,
    int Y,
    int Size,
    string Status,
    long Sats,
    string ImageHash,
    string? AgentImageHash,
    string? Url,
    string? Message,
    string? AgentIdentity,
    string PaymentHash,
    string Invoice,
    DateTimeOffset ExpiresAt,
    string? ReservedByIp,
    string? ReservedByAccount,
    int Flags,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset UpdatedAt)
{
    public long Pixels => (long)Size * Size;
}
