namespace Tessera.Canvas.Placements;

/// <summary>
/// What <see cref="PlacementService.ReserveAsync"/> needs: the square, the raw uploads (untrusted: decoded and
/// re-encoded here), the optional texts, and who reserves (the client's IP and, when authenticated, its account;
/// at least one, since unpaid reservations are counted per IP and per account).
/// </summary>
public sealed record ReserveRequest(
    int X,
    int Y,
    int Size,
    byte[] Image,
    byte[]? AgentImage = null,
    string? Url = null,
    string? Message = null,
    string? AgentIdentity = null,
    string? Ip = null,
    string? AccountId = null);
