using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tessera.Payments.Bolt11;

namespace Tessera.Payments.Lnd;

/// <summary>
/// Invoices from an LND node over its REST API: <c>POST /v1/invoices</c> to create, <c>GET /v2/invoices/lookup</c> to
/// look up, and the <c>GET /v1/invoices/subscribe</c> stream for settlements, reconnected with backoff from the last
/// settle index seen. Authenticated by the macaroon in <c>Grpc-Metadata-macaroon</c>. Failures throw <see cref="LndException"/>.
/// </summary>
public sealed class LndBackend(IHttpClientFactory clients, IOptions<LightningOptions> options, TimeProvider time, ILogger<LndBackend> logger) : IInvoiceBackend
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // grpc-gateway writes int64 as JSON strings and accepts either.
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
    };

    private string? _macaroon;

    public string Name => LightningOptions.LndBackend;

    private LndOptions Options => options.Value.Lnd;

    public async Task<CreatedInvoice> CreateInvoiceAsync(long amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var expirySeconds = Math.Max(1, (long)expiry.TotalSeconds);
        var body = new LndAddInvoiceRequest(amountMsat, description, expirySeconds);
        var created = await SendAsync<LndAddInvoiceResponse>(HttpMethod.Post, "v1/invoices", body, cancellationToken);
        if (created?.RHash is null || created.PaymentRequest is null)
        {
            throw new LndException("lnd_bad_response", "LND created an invoice but did not return its hash and payment request.");
        }

        var paymentHash = Convert.ToHexStringLower(Convert.FromBase64String(created.RHash));

        // The invoice's own timestamp and expiry say when it stops being payable; the request's clock is the fallback.
        var decoded = Bolt11Codec.Decode(created.PaymentRequest);
        var expiresAt = decoded.IsSuccess && decoded.Value.PaymentHash == paymentHash
            ? decoded.Value.ExpiresAt
            : time.GetUtcNow().AddSeconds(expirySeconds);
        return new CreatedInvoice(created.PaymentRequest, paymentHash, expiresAt);
    }

    public async Task<InvoiceState?> LookupAsync(string paymentHash, CancellationToken cancellationToken = default)
    {
        var hash = Convert.FromHexString(paymentHash);
        var path = "v2/invoices/lookup?payment_hash=" + System.Buffers.Text.Base64Url.EncodeToString(hash);
        var invoice = await SendAsync<LndInvoice>(HttpMethod.Get, path, null, cancellationToken, notFoundIsNull: true);
        if (invoice is null)
        {
            return null;
        }

        return new InvoiceState(
            paymentHash.ToLowerInvariant(),
            invoice.IsPaidInFull,
            invoice.IsPaidInFull ? Hex(invoice.RPreimage) : null,
            invoice.IsPaidInFull ? DateTimeOffset.FromUnixTimeSeconds(invoice.SettleDate) : null,
            invoice.ValueMsat,
            invoice.IsSettled ? invoice.AmtPaidMsat : 0);
    }

    public async IAsyncEnumerable<InvoiceSettlement> WatchSettlementsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settlements = Channel.CreateUnbounded<InvoiceSettlement>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(settlements.Writer, stop.Token);
        try
        {
            await foreach (var settlement in settlements.Reader.ReadAllAsync(cancellationToken))
            {
                yield return settlement;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    /// <summary>Keeps one subscription open, reconnecting after any failure with a doubling delay, and resuming after the last settle index seen.</summary>
    private async Task PumpAsync(ChannelWriter<InvoiceSettlement> writer, CancellationToken cancellationToken)
    {
        var delay = Options.ReconnectDelay;
        ulong settleIndex = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var path = "v1/invoices/subscribe" + (settleIndex > 0 ? $"?settle_index={settleIndex}" : "");
                using var request = Request(HttpMethod.Get, path);
                using var response = await clients.CreateClient(LndHttp.Stream).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await ThrowIfFailedAsync(response, cancellationToken);
                Log.LndSubscribed(logger, Options.Url ?? "");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    delay = Options.ReconnectDelay;
                    var message = JsonSerializer.Deserialize<LndStreamMessage>(line, Json);
                    if (message?.Error is { } error)
                    {
                        throw new LndException("lnd_error", "LND ended the invoice subscription: " + error.GetRawText());
                    }

                    // LND resends settlements at or after the index it was given: skip what was already passed on.
                    if (message?.Result is { IsSettled: true, RHash: not null } invoice && invoice.SettleIndex > settleIndex)
                    {
                        settleIndex = invoice.SettleIndex;
                        if (!invoice.IsPaidInFull)
                        {
                            Log.LndUnderpaid(logger, Hex(invoice.RHash)!, invoice.AmtPaidMsat, invoice.ValueMsat);
                            continue;
                        }

                        await writer.WriteAsync(
                            new InvoiceSettlement(Hex(invoice.RHash)!, Hex(invoice.RPreimage), DateTimeOffset.FromUnixTimeSeconds(invoice.SettleDate)),
                            cancellationToken);
                    }
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or IOException or JsonException or LndException or TaskCanceledException)
            {
                Log.LndSubscriptionFailed(logger, delay, exception);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.MaxReconnectDelay.Ticks));
        }

        writer.TryComplete();
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = Request(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        try
        {
            using var response = await clients.CreateClient(LndHttp.Requests).SendAsync(request, cancellationToken);
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return default;
            }

            await ThrowIfFailedAsync(response, cancellationToken);
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LndException("lnd_timeout", $"LND did not answer {method} /{path.Split('?')[0]} within {Options.Timeout.TotalSeconds:0.#} s.", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new LndException("lnd_unreachable", $"LND at {Options.Url} could not be reached: {exception.Message}", innerException: exception);
        }
        catch (JsonException exception)
        {
            throw new LndException("lnd_bad_response", $"LND's answer to {method} /{path.Split('?')[0]} was not the expected JSON.", innerException: exception);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Grpc-Metadata-macaroon", Macaroon());
        return request;
    }

    private string Macaroon() => _macaroon ??= Options.MacaroonHex is { Length: > 0 } hex
        ? hex.ToLowerInvariant()
        : Convert.ToHexStringLower(File.ReadAllBytes(Options.MacaroonPath ?? throw new InvalidOperationException("No LND macaroon configured.")));

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = text.Length > 300 ? text[..300] : text;
        var status = (int)response.StatusCode;
        throw status is 401 or 403
            ? new LndException("lnd_unauthorized", $"LND refused the macaroon ({status}): {detail}", status)
            : new LndException("lnd_error", $"LND answered {status}: {detail}", status);
    }

    private static string? Hex(string? base64) => string.IsNullOrEmpty(base64) ? null : Convert.ToHexStringLower(Convert.FromBase64String(base64));
}
