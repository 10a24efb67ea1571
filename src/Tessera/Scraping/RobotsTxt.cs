namespace Tessera.Scraping;

/// <summary>
/// A parsed robots.txt (RFC 9309): the rules of the group for our product token (groups naming it are merged; else the
/// <c>*</c> group's), matched by the longest pattern (<c>*</c> any run, a final <c>$</c> the end), allow winning a tie;
/// <c>/robots.txt</c> itself is always allowed. Written here because no maintained .NET package implements RFC 9309,
/// and the parser is small; <c>Crawl-delay</c> (not in the RFC, but widely set) is kept for the politeness delay.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>RFC 9309 §2.5: crawlers must read at least 500 KiB; what follows is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    public static readonly RobotsTxt AllowAll = new([], null);

    /// <summary>For a robots.txt that could not be read (5xx, network failure): RFC 9309 §2.3.1.4 says assume complete disallow.</summary>
    public static readonly RobotsTxt DisallowAll = new([new Rule("/", Allow: false)], null);

    private readonly IReadOnlyList<Rule> _rules;

    private RobotsTxt(IReadOnlyList<Rule> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    public TimeSpan? CrawlDelay { get; }

    private sealed record Rule(string Pattern, bool Allow);

    /// <summary>The rules in <paramref name="text"/> that apply to <paramref name="productToken"/> (e.g. <c>TesseraBot</c>).</summary>
    public static RobotsTxt Parse(string text, string productToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mine = new List<Rule>();
        var star = new List<Rule>();
        TimeSpan? mineDelay = null, starDelay = null;
        bool forMe = false, forStar = false, inAgents = false, sawMine = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                // Consecutive user-agent lines open one group; a user-agent after rules starts a new one.
                if (!inAgents)
                {
                    forMe = forStar = false;
                    inAgents = true;
                }

                var agent = value.Split('/', 2)[0].Trim();
                forMe |= string.Equals(agent, productToken, StringComparison.OrdinalIgnoreCase);
                forStar |= agent == "*";
                sawMine |= forMe;
                continue;
            }

            inAgents = false;
            switch (key)
            {
                case "allow" or "disallow" when value.Length > 0:
                    var rule = new Rule(value, key == "allow");
                    if (forMe)
                    {
                        mine.Add(rule);
                    }

                    if (forStar)
                    {
                        star.Add(rule);
                    }

                    break;
                case "crawl-delay" when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 86_400:
                    if (forMe)
                    {
                        mineDelay = TimeSpan.FromSeconds(seconds);
                    }

                    if (forStar)
                    {
                        starDelay = TimeSpan.FromSeconds(seconds);
                    }

                    break;
            }
        }

        return sawMine ? new RobotsTxt(mine, mineDelay) : new RobotsTxt(star, starDelay);
    }

    /// <summary>Whether <paramref name="pathAndQuery"/> (as in the URL, starting with <c>/</c>) may be fetched.</summary>
    public bool Allows(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (pathAndQuery == "/robots.txt")
        {
            return true;
        }

        Rule? best = null;
        foreach (var rule in _rules)
        {
            if (Matches(rule.Pattern, pathAndQuery) &&
                (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    /// <summary>
    /// Pattern match with <c>*</c> (any run of characters) and a trailing <c>$</c> (end of path); else a prefix match.
    /// The greedy wildcard walk (back to the last <c>*</c> on a mismatch) is O(pattern × path) even for a hostile file.
    /// </summary>
    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern.AsSpan(0, pattern.Length - 1) : pattern.AsSpan();
        int p = 0, s = 0, star = -1, resume = 0;
        while (true)
        {
            if (p == body.Length && (!anchored || s == path.Length))
            {
                return true;
            }

            if (p < body.Length && body[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (p < body.Length && s < path.Length && body[p] == path[s])
            {
                p++;
                s++;
            }
            else if (star >= 0 && resume < path.Length)
            {
                p = star + 1;
                s = ++resume;
            }
            else
            {
                return false;
            }
        }
    }
}
