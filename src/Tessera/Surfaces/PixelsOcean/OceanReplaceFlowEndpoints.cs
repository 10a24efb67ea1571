using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.ReplaceFlow;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /api/replaceflow</c> and <c>POST /api/replaceflow/demo</c> (seed: "De-watermarking via Google Reverse Image
/// Discovery"): the doc's fields in, the doc's answer out; the pipeline is the ReplaceFlow module's
/// (<see cref="ReplaceFlowService"/>). The keyed route does work (the daily quota) and searches the caller's library
/// too; the demo takes no key, is limited per IP (5 an hour) and never reads a library.
/// </summary>
public static class OceanReplaceFlowEndpoints
{
    private const int MaxUrlLength = 2048;
    private const int DefaultMaxResults = 4;

    private const string Example = """{"article_url":"https://example-blog.com/some-news-post","max_results":4,"phash":true}""";
    private const string Answer = """{"success":true,"headline":"Raila Odinga Meets AU Commission in Addis Ababa","source_domain":"example-blog.com","watermarked_url":"https://example-blog.com/uploads/raila-watermarked.jpg","phash_enabled":true,"count":2,"results":[{"type":"source_lead","url":"https://example-blog.com/uploads/raila-watermarked.jpg","is_watermarked":true,"domain":"example-blog.com","headline":"Raila Odinga Meets AU Commission in Addis Ababa","phash":"a3f2c1d4e5b60718","width":1200,"height":675,"watermark_evidence":"overlay_text"},{"type":"clean_discovery","url":"https://host/ocean/m/42/.../raila.jpg","is_watermarked":false,"source":"media_library","media_id":42,"quality_score":94,"width":1920,"height":1080,"phash":"a3f2c1d4e5b60718","phash_distance":0,"phash_match":true,"watermark_evidence":"overlay_text"}]}""";

    public static RouteGroupBuilder MapOceanReplaceFlow(this RouteGroupBuilder api)
    {
        const string Fields =
            "`article_url` (http(s), required): the article; `max_results` (default 4, at most 10): clean results returned; `phash` (default true): hash and compare the pictures (false: faster, no `phash*` fields). The article's headline (og:title, h1, title) and featured picture (og:image, else its largest image) are read through robots.txt and the SSRF-safe client; candidates come from ";
        const string Verdicts =
            " `is_watermarked` comes from comparing each same-photo candidate with the article's picture (an overlay where they differ, confirmed by OCR'd text or its edges); `quality_score` 0–100 from resolution and compression (docs/replaceflow.md). A page that cannot be read, is not HTML or has no readable picture is a 400 naming why.";
        api.MapPost("/replaceflow", RunAsync).RequireKey(Scopes.Scrape).RequireRateLimit(PixelsOceanSurface.Policies.Work).WithRequestBody<ReplaceFlowBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.ReplaceFlow, "Find clean versions of an article's watermarked picture",
                Fields + "your media library (by pHash within distance 10 and by headline keywords) and, when the operator configured a SerpApi key, Google reverse image search (then Google Images for the headline when that finds nothing)." + Verdicts + " Counts against the daily quota.",
                Example, Answer);
        api.MapPost("/replaceflow/demo", DemoAsync).AllowAnonymous().RequireRateLimit(PixelsOceanSurface.Policies.ReplaceFlowDemo).WithRequestBody<ReplaceFlowBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.ReplaceFlow, "Try ReplaceFlow without a key",
                "No key; 5 requests an hour per IP. The same pipeline, pHash included, but no private library is searched: candidates come only from public sources (SerpApi when configured). " + Fields.Split(';')[0] + "." + Verdicts,
                """{"article_url":"https://example-blog.com/some-news-post"}""", Answer);
        return api;
    }

    public sealed record ReplaceFlowBody(
        [property: JsonPropertyName("article_url")] string ArticleUrl,
        [property: JsonPropertyName("max_results")] int? MaxResults,
        bool? Phash);

    public sealed record ReplaceFlowItem(
        string Type,
        string Url,
        [property: JsonPropertyName("is_watermarked")] bool IsWatermarked,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Domain,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Headline,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source,
        [property: JsonPropertyName("media_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MediaId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
        [property: JsonPropertyName("quality_score"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? QualityScore,
        int Width,
        int Height,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phash,
        [property: JsonPropertyName("phash_distance"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PhashDistance,
        [property: JsonPropertyName("phash_match"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? PhashMatch,
        [property: JsonPropertyName("watermark_evidence")] string WatermarkEvidence);

    public sealed record ReplaceFlowResponse(
        bool Success,
        string? Headline,
        [property: JsonPropertyName("source_domain")] string SourceDomain,
        [property: JsonPropertyName("watermarked_url")] string WatermarkedUrl,
        [property: JsonPropertyName("phash_enabled")] bool PhashEnabled,
        int Count,
        IReadOnlyList<ReplaceFlowItem> Results);

    private static Task<IResult> RunAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ReplaceFlowService replaceFlow,
        IOptions<ReplaceFlowOptions> options, CancellationToken ct) =>
        ReplyAsync(body, TesseraClaims.AccountIdOf(context.User), context, replaceFlow, options.Value, ct);

    private static Task<IResult> DemoAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ReplaceFlowService replaceFlow,
        IOptions<ReplaceFlowOptions> options, CancellationToken ct) =>
        ReplyAsync(body, accountId: null, context, replaceFlow, options.Value, ct);

    private static async Task<IResult> ReplyAsync(
        JsonElement? body, string? accountId, HttpContext context, ReplaceFlowService replaceFlow, ReplaceFlowOptions options, CancellationToken ct)
    {
        var request = Parse(body, accountId, options);
        if (!request.IsSuccess)
        {
            return new ErrorResult(request.Error);
        }

        var ran = await replaceFlow.RunAsync(request.Value, ct);
        if (!ran.IsSuccess)
        {
            return new ErrorResult(ran.Error);
        }

        var outcome = ran.Value;
        var lead = outcome.Lead;
        var items = new List<ReplaceFlowItem>
        {
            new("source_lead", lead.Url.AbsoluteUri, lead.IsWatermarked, lead.Domain, lead.Headline, null, null, null, null,
                lead.Width, lead.Height, lead.Phash, null, null, lead.Evidence),
        };
        items.AddRange(outcome.Results.Select(found => new ReplaceFlowItem(
            "clean_discovery",
            found.Candidate.Asset is { } asset ? OceanMediaFiles.UrlOf(context, asset) : found.Candidate.Url!.AbsoluteUri,
            found.IsWatermarked, found.Domain, null, found.Candidate.Source, found.Candidate.Asset?.Id, found.Candidate.Title, found.QualityScore,
            found.Width, found.Height, found.Phash, found.PhashDistance, found.PhashMatch, found.Evidence)));
        return TypedResults.Ok(new ReplaceFlowResponse(true, outcome.Headline, outcome.SourceDomain, outcome.WatermarkedUrl.AbsoluteUri, outcome.PhashEnabled, items.Count, items));
    }

    private static Result<ReplaceFlowRequest> Parse(JsonElement? body, string? accountId, ReplaceFlowOptions options)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var url = OceanInput.String(json.Value, "article_url");
        var maxResults = OceanInput.IntField(json.Value, "max_results", Math.Min(DefaultMaxResults, options.MaxResults), 1, options.MaxResults);
        var phash = OceanInput.Bool(json.Value, "phash");
        if (!url.IsSuccess || !maxResults.IsSuccess || !phash.IsSuccess)
        {
            return (!url.IsSuccess ? url.Error : !maxResults.IsSuccess ? maxResults.Error : phash.Error)!;
        }

        if (url.Value.Value is not { Length: > 0 and <= MaxUrlLength } text || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var article)
            || (article.Scheme != Uri.UriSchemeHttp && article.Scheme != Uri.UriSchemeHttps))
        {
            return Error.Validation($"URL required: 'article_url' must be an absolute http(s) URL of at most {MaxUrlLength} characters.");
        }

        return new ReplaceFlowRequest(article, maxResults.Value, phash.Value ?? true, accountId);
    }
}
