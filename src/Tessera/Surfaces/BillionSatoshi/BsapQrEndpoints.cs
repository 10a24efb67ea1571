using Tessera.Common;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary><c>GET /api/qr?data=</c>: a QR code PNG of <c>data</c> (a BOLT11 invoice), at most <see cref="MaxDataLength"/> characters.</summary>
public static class BsapQrEndpoints
{
    /// <summary>Long enough for any invoice with routing hints (~1,000 chars); short enough that a QR stays scannable.</summary>
    public const int MaxDataLength = 2000;

    public static RouteGroupBuilder MapBsapQr(this RouteGroupBuilder api)
    {
        api.MapGet("/qr", Qr)
            .Documented(BillionSatoshiSurface.Sections.Payments, "Invoice QR code",
                "A QR code PNG for a Lightning invoice string: pass the BOLT11 invoice as the `data` parameter (URL-encoded).", response: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return api;
    }

    private static IResult Qr(HttpContext context, string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > MaxDataLength)
        {
            return new ErrorResult(Error.Validation($"data is required, at most {MaxDataLength} characters."));
        }

        // Lightning wallets expect invoices upper-cased in QR codes (BOLT11: alphanumeric mode is denser), but the seed
        // passes the string as given, so it is encoded as given.
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(QrCodeWriter.Png(data, 6), "image/png");
    }
}
