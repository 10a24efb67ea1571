using Tessera.Engines;
using Tessera.Jobs;
using Tessera.Webhooks;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// Writes a job the one way the surface shows it: <c>GET /jobs/{jobId}</c>, <c>GET /jobs</c> and the webhook payload all
/// come from here, so the payload equals the polled body (DECISIONS.md).
/// </summary>
public sealed class DojoJobBodies(OutputUrls urls, WebhookOutbox outbox, TimeProvider time)
{
    /// <summary>The job with its webhook configuration and deliveries (null when it has no <c>webhook_url</c>).</summary>
    public async Task<DojoJob> WithWebhookAsync(Job job, CancellationToken cancellationToken)
    {
        var webhook = job.WebhookUrl is null ? null : await WebhookAsync(job, cancellationToken);
        return Body(job) with { Webhook = webhook };
    }

    /// <summary>The job without webhook delivery info: the list's entries and the webhook payload itself.</summary>
    public DojoJob Body(Job job)
    {
        var expired = job.IsTerminal && (job.Expired || job.ExpiresAt <= time.GetUtcNow());
        var outputs = job.Status == JobStatus.Succeeded && !expired ? SignedOutputs(job) : [];
        var images = outputs.Where(asset => asset.Type == OutputRoles.Image).Select(asset => asset.Url).ToList();
        var videos = outputs.Where(asset => asset.Type == OutputRoles.Video).Select(asset => asset.Url).ToList();
        var output = job.Status == JobStatus.Succeeded && !expired
            ? new DojoOutput(images.Count > 0 || videos.Count == 0 ? images : null, videos.Count > 0 ? videos : null)
            : null;
        var error = job.Status is JobStatus.Failed or JobStatus.Canceled
            ? new DojoJobError(job.ErrorCode ?? "failed", job.ErrorMessage ?? "The job failed.")
            : null;
        return new DojoJob(
            job.Id, expired ? DojoStatuses.Expired : DojoStatuses.Of(job.Status), job.Model ?? "", output, outputs, job.Cost, error,
            DojoTime.Format(job.CreatedAt), job.IsTerminal ? DojoTime.Format(job.CompletedAt) : null, DojoTime.Format(job.ExpiresAt), null);
    }

    /// <summary>The webhook's URL and every message sent for the job, each with its attempts.</summary>
    public async Task<DojoWebhookInfo> WebhookAsync(Job job, CancellationToken cancellationToken)
    {
        var messages = await outbox.ListAsync(job.Id, cancellationToken);
        return new DojoWebhookInfo(job.WebhookUrl, [.. messages.Where(m => m.AccountId == job.AccountId).Select(Delivery)]);
    }

    private static DojoWebhookDelivery Delivery(WebhookMessage message) => new(
        message.Id, message.Status, message.EventType, DojoTime.Format(message.CreatedAt), DojoTime.Format(message.NextAttemptAt),
        [.. message.Attempts.Select(a => new DojoWebhookAttempt(a.Number, DojoTime.Format(a.StartedAt), a.StatusCode, a.LatencyMs, a.Error))]);

    /// <summary>
    /// Every link expires with the job (<c>exp</c> = <c>expiresAt</c>), so the same job always gets the same URLs: the
    /// webhook payload signed by a worker and a later poll agree.
    /// </summary>
    private List<DojoAsset> SignedOutputs(Job job)
    {
        if (job.ExpiresAt <= time.GetUtcNow())
        {
            return [];
        }

        return [.. job.Outputs
            .OrderBy(output => output.Index)
            .Select(output => new DojoAsset(
                urls.Sign(job.Id, output.Index, job.ExpiresAt),
                output.Role == OutputRoles.Video ? OutputRoles.Video : OutputRoles.Image,
                output.ContentType))];
    }
}
