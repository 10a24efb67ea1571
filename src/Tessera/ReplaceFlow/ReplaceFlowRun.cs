namespace Tessera.ReplaceFlow;

/// <summary>One ReplaceFlow: the article, how many clean results at most, whether to hash, and the caller (null: the demo).</summary>
public sealed record ReplaceFlowRequest(Uri ArticleUrl, int MaxResults, bool Phash, string? AccountId);

/// <summary>The article's own (watermarked) picture: the doc's <c>source_lead</c>.</summary>
public sealed record SourceLead(Uri Url, string Domain, string? Headline, string? Phash, int Width, int Height, bool IsWatermarked, string Evidence);

/// <summary>A candidate examined: the doc's <c>clean_discovery</c>, with what decided <see cref="IsWatermarked"/>.</summary>
public sealed record CleanDiscovery(
    CleanCandidate Candidate, string? Domain, bool IsWatermarked, string Evidence, int QualityScore, int Width, int Height,
    string? Phash, int? PhashDistance, bool? PhashMatch);

/// <summary>What a ReplaceFlow found: the headline, the article's site and picture, and the clean candidates, best first.</summary>
public sealed record ReplaceFlowOutcome(string? Headline, string SourceDomain, Uri WatermarkedUrl, bool PhashEnabled, SourceLead Lead, IReadOnlyList<CleanDiscovery> Results);
