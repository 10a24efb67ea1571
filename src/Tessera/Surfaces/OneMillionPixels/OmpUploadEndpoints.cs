using Tessera.Http.Idempotency;
using System.Globalization;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Canvas.Pixels;
using Tessera.Common;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// <c>POST /api/pixels/upload</c> (multipart: <c>image</c>, <c>x</c>, <c>y</c>, <c>width</c>=10, <c>height</c>=10, <c>url?</c>):
/// the image, recognised by its content (PNG, JPEG, GIF, WebP) and bounded in bytes and decoded pixels, is stretched to
/// the rectangle and alpha-blended over what is there (alpha 0 leaves a pixel as it was). The caller must own the whole
/// rectangle. It is one write: applied whole or not at all.
/// </summary>
public static class OmpUploadEndpoints
{
    /// <summary>The rectangle's width and height when the form leaves them out.</summary>
    internal const int DefaultSide = 10;

    public static RouteGroupBuilder MapOmpUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/pixels/upload", UploadAsync).RequireKey(Scopes.Canvas).DisableAntiforgery().RequireRateLimit(OneMillionPixelsSurface.Policies.Writes).WithIdempotency()
            .WithRequestBody<UploadForm>("multipart/form-data")
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Upload an image to display on your pixels",
                "Stretches the image (PNG, JPEG, GIF or WebP; at most Tessera:Imaging:MaxBytes, 5 MB by default) to width×height at x, y and blends it over what is there; every pixel of the rectangle must be yours.",
                "multipart/form-data: image (file, required), x, y, width, height, url?",
                """{"success":true,"updated":100,"seq":44,"x":0,"y":0,"width":10,"height":10}""")
            .Produces<UploadResponse>();
        return api;
    }

    /// <summary>The multipart fields the handler reads, for the OpenAPI request body (the handler reads the form itself).</summary>
    public sealed record UploadForm(IFormFile Image, int X, int Y, int Width, int Height, string? Url);

    public sealed record UploadResponse(bool Success, int Updated, long Seq, int X, int Y, int Width, int Height);

    private static async Task<IResult> UploadAsync(HttpContext context, PixelStore store, CanvasRegistry canvases, IOptions<ImagingOptions> imaging, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            return new ErrorResult(Error.Validation("Send multipart/form-data with an image file and x, y."));
        }

        var read = await FormBodies.ReadAsync(context.Request, ct);
        if (!read.IsSuccess)
        {
            return new ErrorResult(read.Error);
        }

        var form = read.Value;
        var file = form.Files.GetFile("image");
        if (file is null || file.Length == 0)
        {
            return new ErrorResult(Error.Validation("image (a PNG, JPEG, GIF or WebP file) is required."));
        }

        if (file.Length > imaging.Value.MaxBytes)
        {
            return new ErrorResult(Error.Validation($"image is larger than {imaging.Value.MaxBytes / 1024 / 1024} MB."));
        }

        var state = canvases.Find(OneMillionPixelsEndpoints.Canvas)!;
        var (canvasWidth, canvasHeight) = (state.Definition.Width, state.Definition.Height);
        var x = Number(form["x"]);
        var y = Number(form["y"]);
        var width = form.ContainsKey("width") ? Number(form["width"]) : DefaultSide;
        var height = form.ContainsKey("height") ? Number(form["height"]) : DefaultSide;
        if (x is null or < 0 || y is null or < 0 || width is null or < 1 || height is null or < 1 || (long)x + width > canvasWidth || (long)y + height > canvasHeight)
        {
            return new ErrorResult(Error.Validation($"x, y, width and height must be whole numbers with the rectangle inside the {canvasWidth}x{canvasHeight} canvas."));
        }

        string? url = form["url"];
        if (string.IsNullOrEmpty(url))
        {
            url = null;
        }
        else if (!PixelWriteRequest.IsHttpsUrl(url))
        {
            return new ErrorResult(Error.Validation("url must be an absolute https URL without spaces."));
        }

        byte[] bytes;
        await using (var stream = file.OpenReadStream())
        {
            bytes = new byte[file.Length];
            await stream.ReadExactlyAsync(bytes, ct);
        }

        var rgba = ImageDecoder.DecodeToRgba(bytes, width.Value, height.Value, imaging.Value);
        if (!rgba.IsSuccess)
        {
            return new ErrorResult(rgba.Error);
        }

        var account = TesseraClaims.AccountIdOf(context.User)!;
        var ownership = await store.CheckOwnsRectangleAsync(state, account, x.Value, y.Value, width.Value, height.Value, ct);
        if (ownership is not null)
        {
            return new ErrorResult(ownership);
        }

        var changes = Blend(state.Raster, rgba.Value, x.Value, y.Value, width.Value, height.Value, url);
        if (changes.Count == 0)
        {
            return TypedResults.Ok(new UploadResponse(true, 0, state.Raster.Seq, x.Value, y.Value, width.Value, height.Value));
        }

        var written = await store.WriteAsync(OneMillionPixelsEndpoints.Canvas, account, changes, ct);
        return written.IsSuccess
            ? TypedResults.Ok(new UploadResponse(true, written.Value.Pixels, written.Value.Seq, x.Value, y.Value, width.Value, height.Value))
            : new ErrorResult(written.Error);
    }

    /// <summary>Source-over blending onto the current colours (unpainted pixels count as the white background).</summary>
    private static List<PixelChange> Blend(PixelRaster raster, byte[] rgba, int x0, int y0, int width, int height, string? url)
    {
        var changes = new List<PixelChange>(width * height);
        for (var dy = 0; dy < height; dy++)
        {
            for (var dx = 0; dx < width; dx++)
            {
                var i = (dy * width + dx) * 4;
                var alpha = rgba[i + 3];
                if (alpha == 0)
                {
                    continue;
                }

                var under = raster.ColorAt(x0 + dx, y0 + dy) ?? 0xFFFFFF;
                var r = Mix(rgba[i], (byte)(under >> 16), alpha);
                var g = Mix(rgba[i + 1], (byte)(under >> 8), alpha);
                var b = Mix(rgba[i + 2], (byte)under, alpha);
                changes.Add(new PixelChange(x0 + dx, y0 + dy, (uint)(r << 16 | g << 8 | b), url));
            }
        }

        return changes;
    }

    private static int Mix(byte top, byte under, byte alpha) => (top * alpha + under * (255 - alpha) + 127) / 255;

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
