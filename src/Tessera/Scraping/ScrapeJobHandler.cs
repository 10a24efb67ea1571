using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Jobs;

namespace Tessera.Scraping;

/// <summary>
/// The <c>scrape</c> job kind: runs <see cref="Scraper"/> on the job's stored <see cref="ScrapeRequest"/> and records what it
/// kept in the job's metadata (<c>asset_ids</c>, the doc's <c>assets</c> with each file's source URL and label,
/// <c>pages</c>, <c>skipped</c> by reason). A scrape that cannot read its page fails for good (retrying would fetch the
/// site again for nothing); files it kept before a crash are kept again on the next attempt (the blobs are shared, the
/// rows are new): see docs/scraping.md.
/// </summary>
internal sealed class ScrapeJobHandler(Scraper scraper, ILogger<ScrapeJobHandler> logger) : IJobHandler
{
    public const string JobKind = "scrape";

    public string Kind => JobKind;

    public async Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = job.Input.Deserialize<ScrapeRequest>() ?? throw new JobFailure("invalid_input", "The scrape's input is missing.", transient: false);
        var outcome = await scraper.RunAsync(job.AccountId, request, cancellationToken);
        if (!outcome.IsSuccess)
        {
            throw new JobFailure(outcome.Error.Code, outcome.Error.Message, transient: false);
        }

        Log.Scraped(logger, new Uri(request.Url).IdnHost, outcome.Value.Assets.Count, outcome.Value.Pages);
        var metadata = JsonSerializer.SerializeToNode(outcome.Value)!.AsObject();
        metadata["asset_ids"] = new JsonArray([.. outcome.Value.Assets.Select(asset => JsonValue.Create(asset.MediaId))]);
        return new JobResult([], metadata);
    }
}
