using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tessera.Accounts;
using Tessera.Canvas.Pixels;
using Tessera.Common;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary><c>GET /api/pixels</c>, <c>POST /api/pixels</c> (single and bulk), <c>GET /api/pixels/history</c>.</summary>
public static class OmpPixelEndpoints
{
    private const string Canvas = OneMillionPixelsEndpoints.Canvas;

    public static RouteGroupBuilder MapOmpPixels(this RouteGroupBuilder api)
    {
        api.MapGet("/pixels", ListPixelsAsync);
        api.MapPost("/pixels", WritePixels).RequireKey(Scopes.Canvas);
        api.MapGet("/pixels/history", History);
        return api;
    }

    public sealed record WriteResponse(bool Success, int Updated, long Seq);

    private static async Task<Results<Ok<WriteResponse>, ErrorResult>> WritePixels(PixelWriteRequest request, HttpContext context, PixelStore store, CancellationToken ct)
    {
        var changes = request.ToChanges();
        if (!changes.IsSuccess)
        {
            return new ErrorResult(changes.Error);
        }

        var written = await store.WriteAsync(Canvas, TesseraClaims.AccountIdOf(context.User)!, changes.Value, ct);
        return written.IsSuccess
            ? TypedResults.Ok(new WriteResponse(true, changes.Value.Count, written.Value))
            : new ErrorResult(written.Error);
    }

    /// <summary>
    /// Every painted pixel (or those in the inclusive region <c>x0,y0,x1,y1</c>, or those changed after <c>since</c>),
    /// written straight to the response a band of rows at a time: the raster is never copied whole.
    /// </summary>
    private static async Task ListPixelsAsync(
        HttpContext context, CanvasRegistry canvases, PixelStore store,
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
        [property: System.Text.Json.Serialization.JsonPropertyName("account_id")] string AccountId,
        PixelValue Old,
        PixelValue New);

    public sealed record PixelValue(string? Color, string? Url);

    public sealed record HistoryResponse(int X, int Y, IReadOnlyList<HistoryEntry> History);

    /// <summary>Every change of one pixel, oldest first: who, when, old → new. Reads the canvas's log from the start.</summary>
    private static async Task<Results<Ok<HistoryResponse>, ErrorResult>> History(
        PixelStore store, CancellationToken ct, [FromQuery] int? x = null, [FromQuery] int? y = null)
    {
        if (x is null or < 0 or > 999 || y is null or < 0 or > 999)
        {
            return new ErrorResult(Error.Validation("x and y are required, each between 0 and 999."));
        }

        var history = new List<HistoryEntry>();
        var current = new PixelValue(null, null);
        await foreach (var change in store.ReadLogAsync(Canvas, 0, ct))
        {
            foreach (var pixel in change.Pixels.Where(p => p.X == x && p.Y == y))
            {
                var next = new PixelValue(
                    pixel.Color is { } c ? PixelColor.Format(c) : current.Color ?? (pixel.Url is null ? null : "#FFFFFF"),
                    pixel.Url ?? current.Url);
                history.Add(new HistoryEntry(change.Seq, change.At, change.AccountId, current, next));
                current = next;
            }
        }

        return TypedResults.Ok(new HistoryResponse(x.Value, y.Value, history));
    }

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
