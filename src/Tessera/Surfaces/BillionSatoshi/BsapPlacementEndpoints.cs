using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Canvas.Placements;
using Tessera.Common;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.RateLimits;
using Tessera.Verification;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// <c>POST /api/placements</c> (multipart): reserves the square with a Lightning invoice of its price and answers
/// 402 with an MPP challenge (default) or 202 with the invoice in JSON (<c>?flow=invoice</c>). The same POST retried
/// with <c>Authorization: Payment …</c> (either credential form, <see cref="PaymentCredential"/>) activates the
/// reservation the preimage pays and answers 201 with a <c>Payment-Receipt</c>; that retry needs no new verification
/// token and is not counted by the 5-per-hour limit (DECISIONS.md). See docs/billion-satoshi.md.
/// </summary>
public static class BsapPlacementEndpoints
{
    public static Error VerificationRequired(HttpContext context) => Error.Forbidden("verification_required",
        $"verificationToken is required: complete POST {RouteNames.Of(context, "/api/verify/start")} and POST {RouteNames.Of(context, "/api/verify/respond")} first.");

    public static readonly Error VerificationFailed = Error.Forbidden("verification_failed",
        "The verification token's score does not qualify to place in this mode.");

    public static RouteGroupBuilder MapBsapPlacements(this RouteGroupBuilder api, string pathBase)
    {
        api.MapPost("/placements", (HttpContext context, PlacementService placements, PlacementPayments payments, VerificationService verification,
                    BsapState state, IOptions<ImagingOptions> imaging, IConfiguration configuration, string? flow, CancellationToken ct) =>
                PaymentCredential.IsPresent(context.Request)
                    ? PaidRetryAsync(context, payments, state, configuration, pathBase, ct)
                    : CreateAsync(context, placements, verification, state, imaging.Value, configuration, pathBase, flow, ct))
            .RequireRateLimit(BillionSatoshiSurface.Policies.Placements, exempt: context => PaymentCredential.IsPresent(context.Request), counts: Reserved)
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
        HttpContext context, PlacementService placements, VerificationService verification, BsapState state, ImagingOptions imaging,
        IConfiguration configuration, string pathBase, string? flow, CancellationToken ct)
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

        string? token = form["verificationToken"];
        if (verification.Mode != VerificationMode.Open && await CheckTokenAsync(context, verification, token, ct) is { } refused)
        {
            return new ErrorResult(refused);
        }

        var reserved = await placements.ReserveAsync(new ReserveRequest(
            square.X, square.Y, square.Size, image.Value, agentImage.Value, form["url"], form["message"], form["agentIdentity"],
            RatePartitioner.ClientAddress(context.Connection.RemoteIpAddress), TesseraClaims.AccountIdOf(context.User)), ct);
        if (!reserved.IsSuccess)
        {
            return BsapResponses.Error(reserved.Error);
        }

        // DECISIONS.md: the token is spent when the reservation is made. Checked above, spent now: a token raced by two
        // requests lets one spend it; the other's reservation is answered with the token's error and expires unpaid.
        if (verification.Mode != VerificationMode.Open)
        {
            var spent = await verification.SpendTokenAsync(token, ct);
            if (!spent.IsSuccess)
            {
                return new ErrorResult(spent.Error);
            }
        }

        var placement = reserved.Value;
        var body = BsapResponses.Pending(placement, pathBase);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Location = body.StatusUrl;
        if (flow == "invoice")
        {
            return TypedResults.Json(body, statusCode: StatusCodes.Status202Accepted);
        }

        var challenge = PaymentChallenge.For(placement, Realm(context, configuration), await state.ChallengeKeyAsync(ct));
        context.Response.Headers.WWWAuthenticate = challenge.Header();
        return TypedResults.Json(body, statusCode: StatusCodes.Status402PaymentRequired);
    }

    private static async Task<IResult> PaidRetryAsync(
        HttpContext context, PlacementPayments payments, BsapState state, IConfiguration configuration, string pathBase, CancellationToken ct)
    {
        var key = await state.ChallengeKeyAsync(ct);
        var credential = PaymentCredential.Parse(context.Request.Headers.Authorization.ToString(), key);
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
        var challengeId = credential.Value.ChallengeId ?? PaymentChallenge.For(placement, Realm(context, configuration), key).Id;
        context.Response.Headers["Payment-Receipt"] = Receipt(challengeId, placement);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"{pathBase}/api/placements/{placement.Id}/status", BsapResponses.Active(placement));
    }

    /// <summary>The draft's receipt: base64url of JCS <c>{challengeId, method, reference: paymentHash, status: "success", timestamp}</c>.</summary>
    private static string Receipt(string challengeId, Placement placement)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("challengeId", challengeId);
            writer.WriteString("method", PaymentChallenge.Method);
            writer.WriteString("reference", placement.PaymentHash);
            writer.WriteString("status", "success");
            writer.WriteString("timestamp", PaymentChallenge.Rfc3339(placement.PaidAt ?? placement.UpdatedAt));
            writer.WriteEndObject();
        }

        return PaymentChallenge.Base64Url(buffer.ToArray());
    }

    /// <summary>The protection space of the challenge: the public host (Tessera:PublicBaseUrl behind a proxy).</summary>
    private static string Realm(HttpContext context, IConfiguration configuration) =>
        Uri.TryCreate(PublicBaseUrl.Of(context.Request, configuration), UriKind.Absolute, out var uri) ? uri.Authority : context.Request.Host.Value ?? "tessera";

    private static async Task<Error?> CheckTokenAsync(HttpContext context, VerificationService verification, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return VerificationRequired(context);
        }

        var check = await verification.CheckTokenAsync(token, ct);
        return check.State switch
        {
            TokenState.Unknown => VerificationErrors.TokenInvalid,
            TokenState.Expired => VerificationErrors.TokenExpired,
            TokenState.Spent => VerificationErrors.TokenSpent,
            _ => check.Passes ? null : VerificationFailed,
        };
    }

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
