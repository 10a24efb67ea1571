using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>Response pieces several /bsap routes share: PNG with ETag, region_taken with its nearest, placement bodies.</summary>
internal static class BsapResponses
{
    /// <summary>A rendered PNG with its ETag; 304 when the client already has it (Http/CachedBody.cs).</summary>
    public static IResult Png(RenderedImage image, string cacheControl = "no-cache") => image.Body.WithCacheControl(cacheControl);

    /// <summary>The canvas error shape, plus <c>nearest</c> on <c>region_taken</c> (what the seed's clients retry with).</summary>
    public static IResult Error(Error error) =>
        error.Code == PlacementErrors.RegionTaken
            ? Results.Json(new { error = error.Message, code = error.Code, nearest = NearestBody.Of(PlacementErrors.NearestOf(error)) }, statusCode: error.Status)
            : new ErrorResult(error);

    public static PlacementBody Body(Placement placement, string pathBase) => new(
        placement.Id, placement.X, placement.Y, placement.Size, placement.Sats, placement.Status, placement.Url, placement.Message,
        placement.AgentIdentity, $"{pathBase}/api/placements/{placement.Id}/image", placement.AgentImageHash is not null, placement.CreatedAt, placement.PaidAt);

    public static ActivePlacementResponse Active(Placement placement) => new(
        placement.Id, placement.Status, placement.X, placement.Y, placement.Size, placement.Sats,
        new PaidBody("paid", "mpp", placement.PaymentHash, placement.PaidAt));

    public static PendingPlacementResponse Pending(Placement placement, string pathBase) => new(
        placement.Id, PlacementStatus.PendingPayment, placement.X, placement.Y, placement.Size, placement.Sats,
        new InvoiceBody(placement.Invoice, placement.PaymentHash, placement.ExpiresAt, placement.Sats),
        $"{pathBase}/api/placements/{placement.Id}/status", $"{pathBase}/api/placements/{placement.Id}/confirm");
}
