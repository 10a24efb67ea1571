using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Canvas.Pixels;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// <c>GET /api/pixels/stream</c>: server-sent events, one per committed write (<c>id:</c> its seq, <c>event: pixels</c>,
/// <c>data: {"seq","pixels":[{x,y,color,url}]}</c>). A client that reconnects with <c>Last-Event-ID</c> (or
/// <c>?since=</c>) first gets every write after that seq from the log, then the live ones: it misses nothing.
/// </summary>
public static class OmpStreamEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapOmpStream(this RouteGroupBuilder api)
    {
        api.MapGet("/pixels/stream", StreamAsync).ExcludeFromDescription();
        return api;
    }

    private static async Task StreamAsync(HttpContext context, PixelEvents events, PixelStore store, long? since)
    {
        var ct = context.RequestAborted;
        var after = since ?? 0;
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var lastEventId))
        {
            after = lastEventId;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        // Subscribe before reading the backlog, so nothing committed in between is lost; duplicates are skipped by seq.
        var live = events.Subscribe(OneMillionPixelsEndpoints.Canvas, ct);
        await context.Response.WriteAsync(": connected\n\n", ct);
        await foreach (var change in store.ReadLogAsync(OneMillionPixelsEndpoints.Canvas, after, ct))
        {
            await WriteEventAsync(context, change, ct);
            after = change.Seq;
        }

        await context.Response.Body.FlushAsync(ct);
        try
        {
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAlive);
                PixelEvent change;
                try
                {
                    change = await live.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                    continue;
                }

                if (change.Seq <= after)
                {
                    continue;
                }

                await WriteEventAsync(context, change, ct);
                after = change.Seq;
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Fell behind: end the response; the client reconnects with Last-Event-ID and misses nothing.
        }
    }

    private static async Task WriteEventAsync(HttpContext context, PixelEvent change, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", change.Seq);
            json.WriteString("account_id", change.AccountId);
            json.WriteString("at", change.At);
            json.WriteStartArray("pixels");
            foreach (var pixel in change.Pixels)
            {
                json.WriteStartObject();
                json.WriteNumber("x", pixel.X);
                json.WriteNumber("y", pixel.Y);
                if (pixel.Color is { } color)
                {
                    json.WriteString("color", PixelColor.Format(color));
                }

                if (pixel.Url is { } url)
                {
                    json.WriteString("url", url);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var header = Encoding.UTF8.GetBytes($"id: {change.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: pixels\ndata: ");
        await context.Response.Body.WriteAsync(header, ct);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), ct);
    }
}
