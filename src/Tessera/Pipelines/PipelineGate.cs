using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Pipelines;

/// <summary>
/// At most <see cref="PipelinesOptions.MaxConcurrentPerAccount"/> pipelines of one account run at once: each holds a
/// request open for up to its time bound and may scrape, so one account's loop cannot hold every worker. One more is
/// a 429 at once.
/// </summary>
public sealed class PipelineGate(IOptions<PipelinesOptions> options)
{
    private readonly PerKeyLimit _running = new();

    public IDisposable? TryEnter(string accountId) => _running.TryEnter(accountId, options.Value.MaxConcurrentPerAccount);
}
