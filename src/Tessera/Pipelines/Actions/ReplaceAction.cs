using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.ReplaceFlow;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>replace</c>: ReplaceFlow inside a step — the article's headline and featured picture, whether it is watermarked,
/// and clean versions of it (your library by perceptual hash and headline words, a reverse image engine when one is
/// configured), best first. <c>clean_urls</c> are the finds judged not watermarked.
/// </summary>
public sealed class ReplaceAction : IPipelineAction
{
    private readonly ReplaceFlowService _replaceFlow;

    public ReplaceAction(ReplaceFlowService replaceFlow, IOptions<ReplaceFlowOptions> options)
    {
        _replaceFlow = replaceFlow;
        Definition = new PipelineActionDefinition(
            "replace", "Find clean (unwatermarked) versions of an article's featured image, as POST /api/replaceflow does.", Scopes.Scrape,
            [
                new PipelineParam("url", PipelineParamType.Url, "The article (a page with an og:image or a main picture).", Required: true),
                new PipelineParam("max_results", PipelineParamType.Integer, "Clean candidates to return at most.", Default: Math.Min(4, options.Value.MaxResults), Minimum: 1, Maximum: options.Value.MaxResults),
                new PipelineParam("phash", PipelineParamType.Boolean, "Compare candidates by perceptual hash.", Default: true),
            ],
            [
                new PipelineOutput("headline", "string", "The article's headline."),
                new PipelineOutput("source_domain", "string", "The article's site."),
                new PipelineOutput("watermarked_url", "url", "The article's featured picture."),
                new PipelineOutput("is_watermarked", "boolean", "Whether that picture carries an overlay the clean versions lack."),
                new PipelineOutput("count", "integer", "Candidates found."),
                new PipelineOutput("results", "array", "[{url, source, media_id, title, is_watermarked, quality_score, width, height, phash, phash_distance, phash_match}] best first"),
                new PipelineOutput("clean_urls", "url[]", "The candidates judged not watermarked."),
            ]);
    }

    public PipelineActionDefinition Definition { get; }

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var ran = await _replaceFlow.RunAsync(
            new ReplaceFlowRequest(new Uri(call.String("url")!), call.Int("max_results", 4), call.Bool("phash", true), call.AccountId), cancellationToken);
        if (!ran.IsSuccess)
        {
            return ran.Error;
        }

        var outcome = ran.Value;
        var results = new JsonArray();
        foreach (var found in outcome.Results)
        {
            results.Add(new JsonObject
            {
                ["url"] = found.Candidate.Asset is { } asset ? call.AssetUrl(asset) : found.Candidate.Url?.AbsoluteUri,
                ["source"] = found.Candidate.Source,
                ["media_id"] = found.Candidate.Asset?.Id,
                ["title"] = found.Candidate.Title,
                ["is_watermarked"] = found.IsWatermarked,
                ["quality_score"] = found.QualityScore,
                ["width"] = found.Width,
                ["height"] = found.Height,
                ["phash"] = found.Phash,
                ["phash_distance"] = found.PhashDistance,
                ["phash_match"] = found.PhashMatch,
            });
        }

        return new JsonObject
        {
            ["headline"] = outcome.Headline,
            ["source_domain"] = outcome.SourceDomain,
            ["watermarked_url"] = outcome.WatermarkedUrl.AbsoluteUri,
            ["is_watermarked"] = outcome.Lead.IsWatermarked,
            ["count"] = results.Count,
            ["results"] = results,
            ["clean_urls"] = new JsonArray([.. results.OfType<JsonObject>().Where(item => item["is_watermarked"]?.GetValue<bool>() == false && item["url"] is not null)
                .Select(item => item["url"]!.DeepClone())]),
        };
    }
}
