using System.Net.Http.Headers;
using Tessera.Automation.Hooks;
using Tessera.Webhooks;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>X-Ocean-Signature</c> on the Automation module's deliveries that carry the receiver's secret: lowercase hex of
/// HMAC-SHA256(secret as UTF-8, the exact body) (DECISIONS, "Pixels Ocean"). Unsigned registrations get no such header;
/// every delivery also carries the Standard Webhooks headers under the account's secret.
/// </summary>
public sealed class OceanSignatureHeaders : IWebhookHeaders
{
    public const string Header = "X-Ocean-Signature";

    public void Add(WebhookDelivery delivery, HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(headers);
        if (delivery.OwnSecret is { } secret && delivery.MessageId.StartsWith(WebhookRegistry.MessagePrefix, StringComparison.Ordinal))
        {
            headers.TryAddWithoutValidation(Header, ReceiverSignature.Sign(secret, delivery.Body.Span));
        }
    }
}
