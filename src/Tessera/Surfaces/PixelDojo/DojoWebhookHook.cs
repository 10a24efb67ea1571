using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Webhooks;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// Queues a finished dojo job's webhook: the payload is the job body as <c>GET /jobs/{jobId}</c> returns it, without its own
/// <c>webhook</c> delivery info. The message id is derived from the job id, so the hook may run any number of times
/// (it is called at least once) and the outbox sends one message.
/// </summary>
public sealed class DojoWebhookHook(
    DojoJobBodies bodies, WebhookOutbox outbox, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<DojoWebhookHook> logger)
    : IJobTerminalHook
{
    public const string MessageIdPrefix = "whmsg_";

    /// <summary>Only dojo jobs with a webhook URL: every other job finishes without a hook call or its bookkeeping write.</summary>
    public bool Wants(Job job) => job?.Surface == PixelDojoSurface.Name && job.WebhookUrl is not null;

    public async Task OnTerminalAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!Wants(job))
        {
            return;
        }

        var queued = await EnqueueAsync(job, cancellationToken);
        if (!queued.IsSuccess)
        {
            // Not retried: the URL was checked at submit, so this cannot get better by trying again.
            Log.WebhookNotQueued(logger, job.Id, queued.Error.Code, queued.Error.Message);
        }
    }

    /// <summary>The job's terminal message, queued once (idempotent on its id).</summary>
    public Task<Result<WebhookMessage>> EnqueueAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Serialize(bodies.Body(job), json.Value.SerializerOptions);
        return outbox.EnqueueAsync(
            job.AccountId, job.Id, "job." + DojoStatuses.Of(job.Status), job.WebhookUrl!, payload, MessageIdPrefix + job.Id, cancellationToken);
    }
}
