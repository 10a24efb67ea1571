using Tessera.Http.Idempotency;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Canvas.Pixels;
using Tessera.Common;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary><c>GET /api/pixels</c>, <c>POST /api/pixels</c> (single and bulk), <c>GET /api/pixels/history</c>.</summary>
public static class OmpPixelEndpoints
{
    private const string Canvas = OneMillionPixelsEndpoints.Canvas;

    /// <summary>History entries per page when <c>limit</c> is not given, and the most a page may hold.</summary>
    internal const int HistoryPage = 100;
    internal const int HistoryMaxPage = 1000;

    public static RouteGroupBuilder MapOmpPixels(this RouteGroupBuilder api)
    {
        api.MapGet("/pixels", ListPixelsAsync).RequireRateLimit(OneMillionPixelsSurface.Policies.Reads)
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Get pixels",
                "Every painted pixel, or a region `x0,y0,x1,y1` (inclusive), or only pixels changed after `since` (a `seq`). No key needed.",
                response: """{"pixels":[{"x":0,"y":0,"color":"#FF0000","url":"https://example.com"}],"seq":42}""")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapPost("/pixels", WritePixels).RequireKey(Scopes.Canvas).RequireRateLimit(OneMillionPixelsSurface.Policies.Writes).WithIdempotency()
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Write pixels",
                $"Paint one pixel (`{{x, y, color?, url?}}`) or up to {PixelWriteRequest.MaxBulk} at once (`{{pixels: [...]}}`, applied whole or not at all) on pixels you own. A field left out stays unchanged.",
                """{"x":10,"y":20,"color":"#FF0000","url":"https://example.com"}""",
                """{"success":true,"updated":1,"seq":43}""");
        api.MapGet("/pixels/history", History).RequireRateLimit(OneMillionPixelsSurface.Policies.Reads)
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Pixel history",
                $"The changes of one pixel (`x`, `y`), newest page first: `limit` (default {HistoryPage}, at most {HistoryMaxPage}); pass `next_before` as `before` for the older page.",
                response: """{"x":10,"y":20,"changes":[{"seq":43,"color":"#FF0000","url":null,"at":"..."}],"next_before":null}""");
        return api;
    }

    public sealed record WriteResponse(bool Success, int Updated, long Seq);

    private static async Task<Results<Ok<WriteResponse>, ErrorResult>> WritePixels(
        PixelWriteRequest request, HttpContext context, CanvasRegistry canvases, PixelStore store, CancellationToken ct)
    {
        var size = canvases.Find(Canvas)!.Definition;
        var changes = request.ToChanges(size.Width, size.Height);
        if (!changes.IsSuccess)
        {
            return new ErrorResult(changes.Error);
        }

        var written = await store.WriteAsync(Canvas, TesseraClaims.AccountIdOf(context.User)!, changes.Value, ct);
        return written.IsSuccess
            ? TypedResults.Ok(new WriteResponse(true, written.Value.Pixels, written.Value.Seq))
            : new ErrorResult(written.Error);
    }

    /// <summary>
    /// Every painted pixel (or those in the inclusive region <c>x0,y0,x1,y1</c>, or those changed after <c>since</c>),
    /// written straight to the response a band of rows at a time: the raster is never copied whole.
    /// </summary>
    private static async Task ListPixelsAsync(
        HttpContext context, CanvasRegistry canvases, PixelStore store, IOptions<OmpStreamOptions> stream, SurfaceRegistry surfaces, IConfiguration configuration,
        int? x0, int? y0, int? x1, int? y1, long? since)
    {
        var state = canvases.Find(Canvas)!;
        var region = Region.Parse(x0, y0, x1, y1, state.Definition.Width, state.Definition.Height);
        if (!region.IsSuccess)
        {
            await new ErrorResult(region.Error).ExecuteAsync(context);
            return;
        }

        if (since is < 0)
        {
            await new ErrorResult(Error.Validation("since must be a seq of 0 or more.")).ExecuteAsync(context);
            return;
        }

        if (since is { } from)
        {
            var baseUrl = PublicBaseUrl.Of(context.Request, configuration) + surfaces.Get(OneMillionPixelsSurface.Name).PathBase;
            if (await OmpReplayWindow.CheckAsync(store, state, from, stream.Value.MaxReplay, baseUrl, context.RequestAborted) is { } tooOld)
            {
                await new ErrorResult(tooOld).ExecuteAsync(context);
                return;
            }
        }

        var seq = state.Raster.Seq;
        var etag = $"\"px-{seq}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteNumber("seq", seq);
        writer.WriteStartArray("pixels");
        if (since is { } after)
        {
            var changed = await ChangedSinceAsync(store, after, seq, context.RequestAborted);
            foreach (var (x, y) in changed.Where(p => region.Value.Contains(p.X, p.Y)).Order())
            {
                WritePixel(writer, state, x, y);
            }
        }
        else
        {
            for (var y = region.Value.Y0; y <= region.Value.Y1; y++)
            {
                for (var x = region.Value.X0; x <= region.Value.X1; x++)
                {
                    if (state.Raster.IsPainted(x, y))
                    {
                        WritePixel(writer, state, x, y);
                    }
                }

                if (writer.BytesPending > 32 * 1024)
                {
                    await writer.FlushAsync(context.RequestAborted);
                }
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static async Task<HashSet<(int X, int Y)>> ChangedSinceAsync(PixelStore store, long after, long upTo, CancellationToken ct)
    {
        var changed = new HashSet<(int X, int Y)>();
        await foreach (var change in store.ReadLogAsync(Canvas, after, ct))
        {
            if (change.Seq > upTo)
            {
                break;
            }

            foreach (var pixel in change.Pixels)
            {
                changed.Add((pixel.X, pixel.Y));
            }
        }

        return changed;
    }

    private static void WritePixel(Utf8JsonWriter writer, CanvasState state, int x, int y)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x", x);
        writer.WriteNumber("y", y);
        if (state.Raster.ColorAt(x, y) is { } color)
        {
            writer.WriteString("color", PixelColor.Format(color));
        }
        else
        {
            writer.WriteNull("color");
        }

        if (state.Raster.UrlUtf8At(x, y) is { } url)
        {
            writer.WriteString("url"u8, url);
        }
        else
        {
            writer.WriteNull("url"u8);
        }
        writer.WriteString("owner", state.Claims.OwnerAt(x, y));
        writer.WriteEndObject();
    }

    public sealed record HistoryEntry(
        long Seq,
        DateTimeOffset At,
        [property: JsonPropertyName("account_id")] string AccountId,
        PixelValue Old,
        PixelValue New);

    public sealed record PixelValue(string? Color, string? Url);

    /// <summary>The seed's shape plus paging: <c>next_before</c> is the cursor of the next (older) page, null on the oldest.</summary>
    public sealed record HistoryResponse(
        int X,
        int Y,
        IReadOnlyList<HistoryEntry> History,
        [property: JsonPropertyName("next_before")] long? NextBefore,
        [property: JsonPropertyName("has_more")] bool HasMore);

    /// <summary>
    /// The changes of one pixel, newest page first, each page oldest first: who, when, old → new. Read from the
    /// per-pixel index (one range scan), which keeps the newest <c>Tessera:Canvas:Pixels:HistoryDepth</c> changes.
    /// </summary>
    private static async Task<Results<Ok<HistoryResponse>, ErrorResult>> History(
        CanvasRegistry canvases, PixelStore store, CancellationToken ct,
        [FromQuery] int? x = null, [FromQuery] int? y = null, [FromQuery] int? limit = null, [FromQuery] long? before = null)
    {
        var state = canvases.Find(Canvas)!;
        if (x is not { } px || y is not { } py || !state.Contains(px, py))
        {
            return new ErrorResult(Error.Validation($"x and y are required: x between 0 and {state.Definition.Width - 1}, y between 0 and {state.Definition.Height - 1}."));
        }

        if (limit is < 1 or > HistoryMaxPage || before is < 1)
        {
            return new ErrorResult(Error.Validation($"limit must be 1 to {HistoryMaxPage} (default {HistoryPage}); before must be a seq of 1 or more (the next_before of the previous page)."));
        }

        var page = await store.HistoryAsync(Canvas, x.Value, y.Value, before ?? long.MaxValue, limit ?? HistoryPage, ct);
        var history = page.Entries
            .Select(entry => new HistoryEntry(entry.Seq, entry.At, entry.AccountId, Value(entry.OldColor, entry.OldUrl), Value(entry.NewColor, entry.NewUrl)))
            .ToList();
        return TypedResults.Ok(new HistoryResponse(x.Value, y.Value, history, page.NextBefore, page.NextBefore is not null));
    }

    private static PixelValue Value(uint? color, string? url) => new(color is { } c ? PixelColor.Format(c) : null, url);

    private readonly record struct Region(int X0, int Y0, int X1, int Y1)
    {
        public bool Contains(int x, int y) => x >= X0 && x <= X1 && y >= Y0 && y <= Y1;

        public static Result<Region> Parse(int? x0, int? y0, int? x1, int? y1, int width, int height)
        {
            if (x0 is null && y0 is null && x1 is null && y1 is null)
            {
                return new Region(0, 0, width - 1, height - 1);
            }

            if (x0 is null || y0 is null || x1 is null || y1 is null ||
                x0 < 0 || y0 < 0 || x1 >= width || y1 >= height || x0 > x1 || y0 > y1)
            {
                return Error.Validation($"A region needs x0,y0,x1,y1 (inclusive) with 0 <= x0 <= x1 < {width} and 0 <= y0 <= y1 < {height}.");
            }

            return new Region(x0.Value, y0.Value, x1.Value, y1.Value);
        }
    }
}
