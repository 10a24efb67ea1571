using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tessera.Canvas.Pixels;
using Tessera.Common;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// <c>GET /api/pixels/stream</c>: server-sent events, one per committed write (<c>id:</c> its seq, <c>event: pixels</c>,
/// <c>data: {"seq","pixels":[{x,y,color,url}]}</c>). Without <c>since</c> / <c>Last-Event-ID</c> it starts at the current
/// seq (live only); with one, it first replays the writes after it from the log (bounded, see <see cref="OmpReplayWindow"/>),
/// then the live ones, missing nothing. Each stream has a bounded queue: a client that does not keep up gets
/// <c>event: resync</c> and is cut off, rather than buffered without limit. Streams are capped per IP and per node.
/// </summary>
public static class OmpStreamEndpoints
{
    internal const string Kind = "omp-stream";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Each event's bytes, encoded once however many streams send it (50 readers, one encode).</summary>
    private static readonly ConditionalWeakTable<PixelEvent, byte[]> Encoded = [];

    public static IHostApplicationBuilder AddOmpStream(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OmpStreamOptions>().BindConfiguration(OmpStreamOptions.Section)
            .Validate(o => o.MaxPerIp > 0 && o.MaxTotal > 0 && o.QueueLength > 0 && o.MaxReplay >= 0 && o.MaxConcurrentReplays > 0 && o.ReplayPage > 0 && o.RetryAfterSeconds > 0 && o.ResyncTimeout > TimeSpan.Zero,
                "Tessera:OneMillionPixels:Stream: MaxPerIp, MaxTotal, QueueLength, MaxConcurrentReplays, ReplayPage, RetryAfterSeconds and ResyncTimeout must be positive, MaxReplay 0 or more")
            .ValidateOnStart();
        builder.Services.AddSingleton<OmpReplayGate>();
        return builder;
    }

    public static RouteGroupBuilder MapOmpStream(this RouteGroupBuilder api)
    {
        api.MapGet("/pixels/stream", StreamAsync).RequireRateLimit(OneMillionPixelsSurface.Policies.Reads)
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Live pixel changes",
                "Server-sent events, one per committed write, from now; `?since=<seq>` or `Last-Event-ID` replays what was missed (too old → 410 `since_too_old`).",
                response: "event: pixels\\ndata: {\"seq\":45,\"pixels\":[{\"x\":0,\"y\":0,\"color\":\"#FF0000\",\"url\":null}]}")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return api;
    }

    private static async Task StreamAsync(
        HttpContext context, PixelEvents events, PixelStore store, CanvasRegistry canvases, ConcurrencyLimits limits, OmpReplayGate replays,
        IOptions<OmpStreamOptions> options, SurfaceRegistry surfaces, IConfiguration configuration, long? since)
    {
        var ct = context.RequestAborted;
        var settings = options.Value;
        long? resume = since;
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var lastEventId))
        {
            resume = lastEventId;
        }

        if (resume is < 0)
        {
            await new ErrorResult(Error.Validation("since must be a seq of 0 or more.")).ExecuteAsync(context);
            return;
        }

        using var slot = limits.TryEnter(Kind, context, settings.MaxPerIp, settings.MaxTotal);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await new ErrorResult(new Error(
                "too_many_streams",
                $"Too many open streams (at most {settings.MaxPerIp} per client address, {settings.MaxTotal} on this server). Close one, or retry after {settings.RetryAfterSeconds} s.",
                StatusCodes.Status429TooManyRequests)).ExecuteAsync(context);
            return;
        }

        var state = canvases.Find(OneMillionPixelsEndpoints.Canvas)!;
        var baseUrl = PublicBaseUrl.Of(context.Request, configuration) + surfaces.Get(OneMillionPixelsSurface.Name).PathBase;

        // Subscribe before reading the seq or the backlog, so nothing committed in between is lost; duplicates are skipped by seq.
        using var subscription = events.Subscribe(OneMillionPixelsEndpoints.Canvas, settings.QueueLength);
        var after = state.Raster.Seq;
        if (resume is { } from)
        {
            if (await OmpReplayWindow.CheckAsync(store, state, from, settings.MaxReplay, baseUrl, ct) is { } tooOld)
            {
                await new ErrorResult(tooOld).ExecuteAsync(context);
                return;
            }

            after = from;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct, subscription.Dropped);
        try
        {
            await context.Response.WriteAsync(": connected\n\n", cut.Token);
            if (resume is not null)
            {
                await context.Response.Body.FlushAsync(cut.Token);
                using var turn = await replays.EnterAsync(cut.Token);
                await foreach (var change in store.ReadLogAsync(OneMillionPixelsEndpoints.Canvas, after, cut.Token, settings.ReplayPage))
                {
                    await context.Response.Body.WriteAsync(EncodeOnce(change), cut.Token);
                    after = change.Seq;
                }
            }

            await context.Response.Body.FlushAsync(cut.Token);
            await SendLiveAsync(context, subscription.Reader, after, cut.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // The client went away.
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException && subscription.WasDropped)
        {
            // Fell behind (or the canvas was reloaded): say so, then end.
        }

        await SendResyncAsync(context, baseUrl, settings.ResyncTimeout);
    }

    private static async Task SendLiveAsync(HttpContext context, ChannelReader<PixelEvent> live, long after, CancellationToken ct)
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

            await context.Response.Body.WriteAsync(Encode(change), ct);
            after = change.Seq;
            if (!live.TryPeek(out _))
            {
                await context.Response.Body.FlushAsync(ct);
            }
        }
    }

    /// <summary>The last event of a stream that was cut off; a client that does not read it within the timeout is disconnected.</summary>
    private static async Task SendResyncAsync(HttpContext context, string baseUrl, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        var data = JsonSerializer.Serialize(new
        {
            reason = "fell_behind",
            message = $"This stream fell behind and was closed. Reload the canvas from {baseUrl}/api/canvas (or {baseUrl}/api/pixels, which gives its seq), then reconnect with ?since=<that seq>.",
            canvas = baseUrl + "/api/canvas",
            pixels = baseUrl + "/api/pixels",
        });
        try
        {
            await context.Response.WriteAsync($"event: resync\ndata: {data}\n\n", deadline.Token);
            await context.Response.Body.FlushAsync(deadline.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            context.Abort();
        }
    }

    private static byte[] Encode(PixelEvent change) => Encoded.GetValue(change, EncodeOnce);

    private static byte[] EncodeOnce(PixelEvent change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes($"id: {change.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: pixels\ndata: "));
        using (var json = new Utf8JsonWriter(buffer))
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

        buffer.Write("\n\n"u8);
        return buffer.ToArray();
    }
}
