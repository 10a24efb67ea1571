using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Payments.Bolt11;

namespace Tessera.Tests.Payments;

/// <summary>
/// A local stand-in for LND's REST API on 127.0.0.1: <c>POST /v1/invoices</c>, <c>GET /v2/invoices/lookup</c> and the
/// <c>GET /v1/invoices/subscribe</c> stream, behind the <c>Grpc-Metadata-macaroon</c> header. Invoices are real
/// regtest BOLT11 strings signed by a key of its own. Tests can make it fail (500), stall, end streams and settle invoices.
/// </summary>
public sealed class FakeLnd : IAsyncDisposable
{
    public const string Macaroon = "0201036c6e6402f801030a10b3b8c4f0e2";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly byte[] _nodeKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Dictionary<string, object>> _invoices = new();
    private readonly ConcurrentBag<Channel<string>> _streams = [];
    private long _addIndex;
    private long _settleIndex;

    private FakeLnd(WebApplication app)
    {
        _app = app;
        app.MapPost("/v1/invoices", (Delegate)AddInvoiceAsync);
        app.MapGet("/v2/invoices/lookup", (Delegate)LookupAsync);
        app.MapGet("/v1/invoices/subscribe", SubscribeAsync);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Answer every request with 500.</summary>
    public bool Fail { get; set; }

    /// <summary>Wait this long before answering a request (not the stream).</summary>
    public TimeSpan Stall { get; set; }

    public List<string?> SubscribeQueries { get; } = [];

    public List<JsonElement> AddRequests { get; } = [];

    public static async Task<FakeLnd> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var fake = new FakeLnd(builder.Build());
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address);
        return fake;
    }

    /// <summary>
    /// Marks the invoice paid (by default its full value; <paramref name="paidMsat"/> for what an AMP, keysend or
    /// misbehaving node settles for) and pushes it to every open subscription.
    /// </summary>
    public void Settle(string paymentHashHex, long? paidMsat = null)
    {
        var invoice = _invoices[paymentHashHex];
        invoice["state"] = "SETTLED";
        invoice["amt_paid_msat"] = paidMsat?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (string)invoice["value_msat"];
        invoice["settle_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        invoice["settle_index"] = Interlocked.Increment(ref _settleIndex).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var line = JsonSerializer.Serialize(new { result = invoice }, Json);
        foreach (var stream in _streams)
        {
            stream.Writer.TryWrite(line);
        }
    }

    /// <summary>Ends every open subscription, as a restarting node would.</summary>
    public void EndStreams()
    {
        foreach (var stream in _streams)
        {
            stream.Writer.TryComplete();
        }
    }

    public string PreimageOf(string paymentHashHex) =>
        Convert.ToHexStringLower(Convert.FromBase64String((string)_invoices[paymentHashHex]["r_preimage"]));

    private async Task<IResult> AddInvoiceAsync(HttpContext context)
    {
        if (await RefuseAsync(context) is { } refused)
        {
            return refused;
        }

        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, Json, context.RequestAborted);
        lock (AddRequests)
        {
            AddRequests.Add(body);
        }

        var valueMsat = long.Parse(body.GetProperty("value_msat").ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var expiry = long.Parse(body.GetProperty("expiry").ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var preimage = RandomNumberGenerator.GetBytes(32);
        var hash = SHA256.HashData(preimage);
        var bolt11 = Bolt11Codec.Encode(new Bolt11Invoice
        {
            Network = Bolt11Network.Regtest,
            AmountMsat = valueMsat,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            PaymentHash = Convert.ToHexStringLower(hash),
            PaymentSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            Description = body.GetProperty("memo").GetString(),
            Expiry = TimeSpan.FromSeconds(expiry),
            Features = [8, 14],
        }, _nodeKey);
        var addIndex = Interlocked.Increment(ref _addIndex).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _invoices[Convert.ToHexStringLower(hash)] = new Dictionary<string, object>
        {
            ["r_hash"] = Convert.ToBase64String(hash),
            ["r_preimage"] = Convert.ToBase64String(preimage),
            ["value_msat"] = valueMsat.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["payment_request"] = bolt11,
            ["state"] = "OPEN",
            ["settle_date"] = "0",
            ["settle_index"] = "0",
            ["add_index"] = addIndex,
        };
        return Results.Json(new { r_hash = Convert.ToBase64String(hash), payment_request = bolt11, add_index = addIndex, payment_addr = "" });
    }

    private async Task<IResult> LookupAsync(HttpContext context)
    {
        if (await RefuseAsync(context) is { } refused)
        {
            return refused;
        }

        var hash = Convert.ToHexStringLower(System.Buffers.Text.Base64Url.DecodeFromChars(context.Request.Query["payment_hash"].ToString()));
        return _invoices.TryGetValue(hash, out var invoice)
            ? Results.Json(invoice)
            : Results.Json(new { code = 5, message = "unable to locate invoice", details = Array.Empty<object>() }, statusCode: 404);
    }

    private async Task SubscribeAsync(HttpContext context)
    {
        if (context.Request.Headers["Grpc-Metadata-macaroon"] != Macaroon)
        {
            context.Response.StatusCode = 401;
            return;
        }

        lock (SubscribeQueries)
        {
            SubscribeQueries.Add(context.Request.Query["settle_index"].FirstOrDefault());
        }

        var stream = Channel.CreateUnbounded<string>();
        _streams.Add(stream);
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        try
        {
            await foreach (var line in stream.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away
        }
    }

    private async Task<IResult?> RefuseAsync(HttpContext context)
    {
        if (Stall > TimeSpan.Zero)
        {
            await Task.Delay(Stall, context.RequestAborted);
        }

        if (context.Request.Headers["Grpc-Metadata-macaroon"] != Macaroon)
        {
            return Results.Json(new { code = 2, message = "verification failed: signature mismatch after caveat verification", details = Array.Empty<object>() }, statusCode: 401);
        }

        return Fail ? Results.Json(new { code = 2, message = "internal error", details = Array.Empty<object>() }, statusCode: 500) : null;
    }

    public async ValueTask DisposeAsync()
    {
        EndStreams();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
