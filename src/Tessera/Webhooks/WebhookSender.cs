using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Outbound;
using Tessera.Storage.Secrets;

namespace Tessera.Webhooks;

/// <summary>Makes one signed attempt through the SSRF-safe client and says how it went; it never throws for the receiver's faults.</summary>
internal sealed class WebhookSender(
    OutboundHttp outbound, IEnumerable<IWebhookHeaders> headerHooks, ISecretProtector protector, TimeProvider time, IOptions<WebhooksOptions> options)
{
    private const int ExcerptBytes = 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("Tessera-Webhooks", "1");

    private readonly IWebhookHeaders[] _hooks = headerHooks.ToArray();
    private readonly OutboundLimits _limits = new()
    {
        Timeout = options.Value.Timeout,
        MaxResponseBytes = options.Value.MaxResponseBytes,
        FollowRedirects = false, // Standard Webhooks: a 3xx is a failed delivery; the URL should be updated instead
    };

    public async Task<AttemptOutcome> SendAsync(ClaimedMessage message, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var timestamp = startedAt.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(message.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation("webhook-id", message.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", Signatures(secrets, message.Id, timestamp, body));
        var ownSecret = message.OwnSecret is { } sealedSecret ? protector.Unprotect(sealedSecret, WebhookOutbox.OwnSecretPurpose) : null;
        foreach (var hook in _hooks)
        {
            hook.Add(new WebhookDelivery(message.Id, message.AccountId, message.Subject, message.EventType, message.Attempt, timestamp, body, secrets[0], ownSecret), request.Headers);
        }

        var clock = Stopwatch.StartNew();
        var result = await outbound.SendAsync(request, _limits, cancellationToken);
        var latency = (int)clock.ElapsedMilliseconds;
        return result.IsSuccess
            ? new AttemptOutcome(message, startedAt, result.Value.StatusCode, latency, result.Value.IsSuccess ? null : $"HTTP {result.Value.StatusCode}", Excerpt(result.Value.Body))
            : new AttemptOutcome(message, startedAt, null, latency, $"{result.Error.Code}: {result.Error.Message}", null, Final: IsPolicyRefusal(result.Error.Code));
    }

    /// <summary>The outbound policy refused the URL or its address: the same answer every time, so no retry.</summary>
    private static bool IsPolicyRefusal(string code) =>
        code is OutboundErrors.BlockedAddressCode or OutboundErrors.BadSchemeCode or OutboundErrors.InvalidUrlCode;

    /// <summary>One <c>v1,</c> signature per secret, space-separated (two only while a rotated-out secret overlaps).</summary>
    private static string Signatures(IReadOnlyList<string> secrets, string id, long timestamp, byte[] body) =>
        secrets.Count == 1
            ? WebhookSignature.Sign(secrets[0], id, timestamp, body)
            : string.Join(' ', secrets.Select(secret => WebhookSignature.Sign(secret, id, timestamp, body)));

    private static string? Excerpt(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        // At most 1 KB, cut back to a character boundary so the excerpt stays valid UTF-8.
        var length = Math.Min(body.Length, ExcerptBytes);
        while (length < body.Length && length > 0 && (body[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return Encoding.UTF8.GetString(body, 0, length);
    }
}
