using Tessera.Canvas.Placements;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary><c>GET /api/canvas</c>: the seed's "all active placements, canvas stats, and current mode/threshold settings".</summary>
public sealed record CanvasResponse(
    IEnumerable<PlacementBody> Placements,
    CanvasStatsBody Stats,
    CanvasInfoBody Canvas,
    string Mode,
    int Threshold,
    bool AgentLayerRevealed,
    int Total,
    int Offset,
    int? NextOffset);

/// <summary>The seed's <c>canvas</c> block: <c>{width, height, pixelPriceSats, totalSats}</c>.</summary>
public sealed record CanvasInfoBody(int Width, int Height, long PixelPriceSats, long TotalSats);

public sealed record CanvasStatsBody(
    double FilledPercent,
    long FilledPixels,
    long SatsRaised,
    IReadOnlyDictionary<string, long> Placements);

/// <summary>A placement as the canvas lists it.</summary>
public sealed record PlacementBody(
    string Id,
    int X,
    int Y,
    int Size,
    long Sats,
    string Status,
    string? Url,
    string? Message,
    string? AgentIdentity,
    string ImageUrl,
    bool HasAgentImage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt);

public sealed record NearestBody(int X, int Y)
{
    public static NearestBody? Of(CanvasPoint? point) => point is { } p ? new NearestBody(p.X, p.Y) : null;
}

/// <summary><c>GET /api/canvas/available</c>: <c>{available, nearest}</c> (nearest null when free or when nothing fits).</summary>
public sealed record AvailabilityResponse(bool Available, NearestBody? Nearest);

/// <summary><c>POST /api/placements/quote</c> body.</summary>
public sealed record QuoteRequest(int? X, int? Y, int? Size);

/// <summary><c>POST /api/placements/quote</c>: <c>{available, sats, pixels, nearest}</c>.</summary>
public sealed record QuoteResponse(bool Available, long Sats, long Pixels, NearestBody? Nearest);

/// <summary>The invoice to pay: <c>{lightningInvoice, paymentHash, expiresAt}</c>, plus its amount.</summary>
public sealed record InvoiceBody(string LightningInvoice, string PaymentHash, DateTimeOffset ExpiresAt, long AmountSats);

/// <summary>The 402 / 202 body: <c>{id, status:"pending_payment", payment:{lightningInvoice, paymentHash, expiresAt}}</c> and the square.</summary>
public sealed record PendingPlacementResponse(string Id, string Status, int X, int Y, int Size, long Sats, InvoiceBody Payment, string StatusUrl, string ConfirmUrl);

/// <summary><c>GET /api/placements/:id/status</c>: <c>{id, status, x, y, size, sats, payment:{…}}</c>.</summary>
public sealed record PlacementStatusResponse(string Id, string Status, int X, int Y, int Size, long Sats, StatusPaymentBody Payment);

/// <summary>The invoice and, once paid, <c>status:"paid"</c> and when.</summary>
public sealed record StatusPaymentBody(string LightningInvoice, string PaymentHash, DateTimeOffset ExpiresAt, string Status, DateTimeOffset? PaidAt);

/// <summary><c>POST /api/placements/:id/confirm</c> body: <c>{preimage}</c> (hex).</summary>
public sealed record ConfirmRequest(string? Preimage);

/// <summary>Confirm and the paid MPP retry: <c>{id, status:"active", payment:{status:"paid", method:"mpp"}}</c>.</summary>
public sealed record ActivePlacementResponse(string Id, string Status, int X, int Y, int Size, long Sats, PaidBody Payment);

public sealed record PaidBody(string Status, string Method, string PaymentHash, DateTimeOffset? PaidAt);

/// <summary><c>POST /api/placements/:id/flag</c>: the flag counted; how many; whether the placement is now hidden.</summary>
public sealed record FlagResponse(string Id, bool Flagged, int Flags, bool Hidden);
