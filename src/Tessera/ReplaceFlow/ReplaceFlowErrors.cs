using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.ReplaceFlow;

/// <summary>
/// The stable codes of a ReplaceFlow that cannot run. Every one is a 400: the article URL the caller gave is what to
/// change, even when the failure was the site's (unreachable, a redirect loop, too large), so no 5xx reaches a client.
/// </summary>
public static class ReplaceFlowErrors
{
    public const string NotHtmlCode = "not_html";
    public const string NoImageCode = "no_image";

    /// <summary>A failed article fetch: the outbound or robots code kept, the status made 400, the reason said.</summary>
    public static Error ArticleUnreadable(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var hint = error.Code == OutboundErrors.BlockedAddressCode
            ? " Only public addresses are fetched (an operator may set Tessera:Outbound:AllowPrivateNetworks for a local site)."
            : "";
        return new Error(error.Code, $"article_url could not be read: {error.Message}{hint}", 400);
    }

    public static Error NotHtml(string? contentType) =>
        new(NotHtmlCode, $"article_url is not an HTML page ({contentType ?? "no content type"}): give the URL of the article, not of a file.", 400);

    public static Error NoImage(string detail) =>
        new(NoImageCode, $"The article has no readable featured image: {detail}", 400);
}
