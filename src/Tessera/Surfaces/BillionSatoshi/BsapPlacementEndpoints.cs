using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Canvas.Placements;
using Tessera.Common;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.Payments.Mpp;
using Tessera.RateLimits;
using Tessera.Verification;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// <c>POST /api/placements</c> (multipart): reserves the square with a Lightning invoice of its price and answers
/// 402 with an MPP challenge (default) or 202 with the invoice in JSON (<c>?flow=invoice</c>). The same POST retried
/// with <c>Authorization: Payment …</c> (either credential form, read by the Payments module's <see cref="MppChallenges"/>) activates the
/// reservation the preimage pays and answers 201 with a <c>Payment-Receipt</c>; that retry needs no new verification
/// token and is not counted by the 5-per-hour limit (DECISIONS.md). The rules are the modules': the reservation and its
/// verification token (<see cref="PlacementReservations"/>), the challenge, credential and receipt (<see cref="MppChallenges"/>);
/// this file reads the form and shapes the answers. See docs/billion-satoshi.md.
/// </summary>
public static class BsapPlacementEndpoints
{
    /// <summary>The module's <c>verification_required</c>, naming this surface's verify routes.</summary>
    public static Error VerificationRequired(HttpContext context) => VerificationErrors.TokenRequired with
    {
        Message = $"verificationToken is required: complete POST {RouteNames.Of(context, "/api/verify/start")} and POST {RouteNames.Of(context, "/api/verify/respond")} first.",
    };

    public static RouteGroupBuilder MapBsapPlacements(this RouteGroupBuilder api, string pathBase)
    {
        api.MapPost("/placements", (HttpContext context, PlacementReservations reservations, PlacementPayments payments, MppChallenges mpp,
                    IOptions<ImagingOptions> imaging, string? flow, CancellationToken ct) =>
                MppChallenges.IsPresent(context.Request)
                    ? PaidRetryAsync(context, payments, mpp, pathBase, ct)
                    : CreateAsync(context, reservations, mpp, imaging.Value, pathBase, flow, ct))
            .RequireRateLimit(BillionSatoshiSurface.Policies.Placements, exempt: context => MppChallenges.IsPresent(context.Request), counts: Reserved)
            .WithIdempotency()
            .DisableAntiforgery()
            .WithRequestBody<PlacementForm>("multipart/form-data")
            .Documented(BillionSatoshiSurface.Sections.Placements, "Create a placement",
                "Create a pixel placement. Returns HTTP 402 (MPP, the default) or 202 (`?flow=invoice`) with a Lightning invoice to pay. " +
                "\"image\" (human-visible, required) and \"agentImage\" (agent-only, optional). Reserved immediately, live after payment. " +
                "MPP: pay the BOLT11 invoice from `WWW-Authenticate`, then retry the same POST with `Authorization: Payment credential=\"<base64url({\"preimage\":\"<hex>\"})>\"` → 201 active.",
                "multipart/form-data: image (file, required), agentImage (file, optional), x, y, size, verificationToken (agent mode), url?, message?, agentIdentity?",
                """{"id":"...","status":"pending_payment","payment":{"lightningInvoice":"lnbc...","paymentHash":"...","expiresAt":"2026-01-01T00:15:00Z"}}""")
            .Produces<PendingPlacementResponse>(StatusCodes.Status402PaymentRequired)
            .Produces<PendingPlacementResponse>(StatusCodes.Status202Accepted)
            .Produces<ActivePlacementResponse>(StatusCodes.Status201Created);
        return api;
    }

    /// <summary>
    /// DECISIONS (Wave-1): the 5-per-hour limit counts reservations (a 402 or 202 was issued), not refused requests; an
    /// idempotent replay of a reservation reserved nothing new.
    /// </summary>
    private static bool Reserved(HttpContext context) =>
        context.Response.StatusCode is StatusCodes.Status402PaymentRequired or StatusCodes.Status202Accepted
        && !context.Response.Headers.ContainsKey("Idempotent-Replayed");

    private static async Task<IResult> CreateAsync(
        HttpContext context, PlacementReservations reservations, MppChallenges mpp, ImagingOptions imaging, string pathBase, string? flow, CancellationToken ct)
    {
        if (flow is not (null or "mpp" or "invoice"))
        {
            return new ErrorResult(Error.Validation("flow must be 'mpp' (402, the default) or 'invoice' (202)."));
        }

        if (!context.Request.HasFormContentType)
        {
            return new ErrorResult(Error.Validation("Send multipart/form-data: image (file), agentImage? (file), x, y, size, verificationToken, url?, message?, agentIdentity?."));
        }

        var read = await FormBodies.ReadAsync(context.Request, ct);
        if (!read.IsSuccess)
        {
            return new ErrorResult(read.Error);
        }

        var form = read.Value;
        var image = await FileAsync(form, "image", imaging, ct);
        var agentImage = await FileAsync(form, "agentImage", imaging, ct);
        if (!image.IsSuccess || !agentImage.IsSuccess)
        {
            return new ErrorResult(image.Error ?? agentImage.Error!);
        }

        if (image.Value is null)
        {
            return new ErrorResult(Error.Validation("image (a PNG, JPEG, GIF or WebP file) is required."));
        }

        if (BsapNumbers.Square(form["x"], form["y"], form["size"]) is not { } square)
        {
            return new ErrorResult(BsapNumbers.SquareError);
        }

        var reserved = await reservations.ReserveAsync(new ReserveRequest(
            square.X, square.Y, square.Size, image.Value, agentImage.Value, form["url"], form["message"], form["agentIdentity"],
            RatePartitioner.ClientAddress(context.Connection.RemoteIpAddress), TesseraClaims.AccountIdOf(context.User)), form["verificationToken"], ct);
        if (!reserved.IsSuccess)
        {
            return reserved.Error.Code == VerificationErrors.TokenRequired.Code
                ? new ErrorResult(VerificationRequired(context))
                : BsapResponses.Error(reserved.Error);
        }

        var placement = reserved.Value;
        var body = BsapResponses.Pending(placement, pathBase);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Location = body.StatusUrl;
        if (flow == "invoice")
        {
            return TypedResults.Json(body, statusCode: StatusCodes.Status202Accepted);
        }

        var challenge = await mpp.IssueAsync(Charge(placement), context.Request, ct);
        context.Response.Headers.WWWAuthenticate = challenge.Header();
        return TypedResults.Json(body, statusCode: StatusCodes.Status402PaymentRequired);
    }

    private static async Task<IResult> PaidRetryAsync(HttpContext context, PlacementPayments payments, MppChallenges mpp, string pathBase, CancellationToken ct)
    {
        var credential = await mpp.ReadCredentialAsync(context.Request, ct);
        if (!credential.IsSuccess)
        {
            return new ErrorResult(credential.Error);
        }

        var confirmed = await payments.ConfirmByPreimageAsync(credential.Value.Preimage, null, ct);
        if (!confirmed.IsSuccess)
        {
            return BsapResponses.Error(confirmed.Error);
        }

        // Already active (a repeat, or the settlement watch was first): the same 201; the placement was activated and
        // its sats recorded once.
        var placement = confirmed.Value.Placement;
        context.Response.Headers["Payment-Receipt"] = await mpp.ReceiptAsync(
            credential.Value, Charge(placement), placement.PaidAt ?? placement.UpdatedAt, context.Request, ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"{pathBase}/api/placements/{placement.Id}/status", BsapResponses.Active(placement));
    }

    /// <summary>What a placement's challenge charges: its price on its invoice, named by its id.</summary>
    private static MppCharge Charge(Placement placement) =>
        new(placement.Id, placement.Sats, placement.Invoice, placement.PaymentHash, placement.ExpiresAt);

    /// <summary>An uploaded file's bytes (null when absent), bounded like every upload (Imaging's MaxBytes).</summary>
    private static async Task<Result<byte[]?>> FileAsync(IFormCollection form, string name, ImagingOptions imaging, CancellationToken ct)
    {
        if (form.Files.GetFile(name) is not { Length: > 0 } file)
        {
            return Result<byte[]?>.Ok(null);
        }

        if (file.Length > imaging.MaxBytes)
        {
            return Error.Validation($"{name} is larger than {imaging.MaxBytes / 1024 / 1024} MB.");
        }

        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
