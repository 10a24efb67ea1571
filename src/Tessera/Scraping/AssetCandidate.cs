namespace Tessera.Scraping;

/// <summary>What kind of file a URL on a page looks like, before its bytes tell (the download sniffs them).</summary>
public enum CandidateKind
{
    Image,
    Video,
    Document,
}

/// <summary>A file found on a page: its absolute URL, what it looks like, and where on the page it was found.</summary>
public sealed record AssetCandidate(Uri Url, CandidateKind Kind, string Source);
