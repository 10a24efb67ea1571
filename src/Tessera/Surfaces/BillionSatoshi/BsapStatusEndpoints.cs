using Tessera.Canvas.Placements;
using Tessera.Common;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Payments;
using Tessera.Storage;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// <c>GET /api/placements/:id/status</c> (polling; a pending placement whose invoice the backend reports paid is
/// activated here too), <c>POST /api/placements/:id/confirm {preimage}</c> (the 202 flow's proof of payment), and
/// <c>GET /api/placements/:id/image</c> (the stored public image the canvas lists as <c>imageUrl</c>).
/// </summary>
public static class BsapStatusEndpoints
{
    public static RouteGroupBuilder MapBsapStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/placements/{id}/status", StatusAsync)
            .Documented(BillionSatoshiSurface.Sections.Placements, "Placement status",
                "Poll payment and activation status for a placement: \"pending_payment\" until the Lightning invoice is paid, then \"active\" (\"expired\" when the invoice lapsed unpaid).",
                response: """{"id":"...","status":"active","x":0,"y":0,"size":100,"sats":10000,"payment":{"lightningInvoice":"lnbc...","paymentHash":"...","expiresAt":"...","status":"paid","paidAt":"..."}}""")
            .Produces<PlacementStatusResponse>();
        api.MapPost("/placements/{id}/confirm", ConfirmAsync).WithIdempotency()
            .Documented(BillionSatoshiSurface.Sections.Payments, "Confirm payment",
                "Confirm payment via the Lightning preimage (the 202 flow). The server checks sha256(preimage) == paymentHash and activates the placement.",
                """{"preimage":"<hex-encoded Lightning payment preimage>"}""",
                """{"id":"...","status":"active","payment":{"status":"paid","method":"mpp"}}""")
            .Produces<ActivePlacementResponse>();
        api.MapGet("/placements/{id}/image", ImageAsync)
            .Documented(BillionSatoshiSurface.Sections.Placements, "Placement image", "The stored public image of a placement (the canvas lists it as `imageUrl`).", response: "image/png");
        return api;
    }

    private static async Task<IResult> StatusAsync(string id, PlacementService placements, PlacementPayments payments, TimeProvider time, CancellationToken ct)
    {
        if (await placements.GetAsync(id, ct) is not { } placement)
        {
            return new ErrorResult(Error.NotFound($"No placement '{id}'."));
        }

        placement = await payments.RefreshAsync(placement, time.GetUtcNow(), ct);
        var paid = placement.PaidAt is not null;
        return TypedResults.Ok(new PlacementStatusResponse(placement.Id, placement.Status, placement.X, placement.Y, placement.Size, placement.Sats,
            new StatusPaymentBody(placement.Invoice, placement.PaymentHash, placement.ExpiresAt,
                paid ? "paid" : placement.Status == PlacementStatus.Expired ? "expired" : "pending", placement.PaidAt)));
    }

    private static async Task<IResult> ConfirmAsync(string id, ConfirmRequest? request, PlacementService placements, PlacementPayments payments, CancellationToken ct)
    {
        if (await placements.GetAsync(id, ct) is null)
        {
            return new ErrorResult(Error.NotFound($"No placement '{id}'."));
        }

        if (PaymentProof.ParseHex(request?.Preimage) is not { } preimage)
        {
            return new ErrorResult(Error.Validation("preimage must be the 64-character hex Lightning payment preimage."));
        }

        var confirmed = await payments.ConfirmByPreimageAsync(preimage, id, ct);

        // A repeat (or a confirm after the settlement watch got there first) answers the same: activation happened once.
        return confirmed.IsSuccess ? TypedResults.Ok(BsapResponses.Active(confirmed.Value.Placement)) : BsapResponses.Error(confirmed.Error);
    }

    private static async Task<IResult> ImageAsync(HttpContext context, string id, PlacementService placements, IBlobStore blobs, CancellationToken ct)
    {
        // Only what the canvas shows is served: an unpaid reservation's upload stays private.
        if (await placements.GetAsync(id, ct) is not { Status: PlacementStatus.Active } placement
            || await blobs.OpenReadAsync(placement.ImageHash, ct) is not { } stream)
        {
            return new ErrorResult(Error.NotFound($"No active placement '{id}'."));
        }

        var etag = $"\"{placement.ImageHash}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=86400";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            await stream.DisposeAsync();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Stream(stream, "image/png");
    }
}
