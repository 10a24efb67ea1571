namespace Tessera.Client;

/// <summary>A Billion Satoshi placement as the operator reviews it (<c>/admin/v1/placements/...</c>).</summary>
public sealed record ReviewedPlacement(
    string Id,
    string Canvas,
    int X,
    int Y,
    int Size,
    string Status,
    long Sats,
    int Flags,
    string? Url,
    string? Message,
    string? AgentIdentity,
    string? ImageUrl,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? UpdatedAt);

/// <summary>Answer of <c>GET /admin/v1/placements/flagged</c>.</summary>
public sealed record ReviewedPlacementList(IReadOnlyList<ReviewedPlacement> Placements);
