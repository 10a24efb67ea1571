namespace Tessera.RateLimits;

/// <summary>The limits the surfaces' seed docs publish, so a fresh server enforces them with no configuration.</summary>
public static class RateLimitDefaults
{
    /// <summary>PixelDojo: "Standard 60 requests per minute, shared across all API endpoints".</summary>
    public const string Dojo = "dojo";

    /// <summary>Pixels Ocean's routes that do work (scrape, generate, replace, pipeline, watermark ...): "Standard tier: 20
    /// requests / day; Burst: 60 requests / minute" (DECISIONS: the daily quota counts only these).</summary>
    public const string Ocean = "ocean";

    /// <summary>Pixels Ocean's other authenticated routes (the media library, collections ...): the 60 a minute burst only.</summary>
    public const string OceanBurst = "ocean-burst";

    /// <summary>Pixels Ocean's public galleries per IP (no key): a bucket of 120 refilling over a minute, so a password
    /// cannot be guessed at speed and a gallery cannot be scraped by one client faster than people browse.</summary>
    public const string OceanGallery = "ocean-gallery";

    /// <summary>Billion Satoshi: 5 placement requests per hour per IP.</summary>
    public const string BsapPlacements = "bsap-placements";

    /// <summary>Billion Satoshi: reverse Turing test sessions started per IP (the seed names no limit; Tessera's own):
    /// a bucket of 20 refilling one every 3 s, ample for an agent and its retries, not for filling the database.</summary>
    public const string BsapVerify = "bsap-verify";

    /// <summary>One Million Pixels: anonymous agent creation (<c>POST /api/agent</c>) per IP (the seed names no limit;
    /// Tessera's own): a bucket of 10 refilling over an hour, plenty for an agent that registers once, not for minting
    /// accounts to farm referral credits.</summary>
    public const string OmpAgents = "omp-agents";

    /// <summary>One Million Pixels writes (<c>POST /api/pixels</c>, <c>/api/pixels/upload</c>) per key (the seed names no
    /// limit; Tessera's own): a bucket of 10 refilling 10 a second. An agent painting in 1000-pixel bulks still paints
    /// 10,000 pixels a second; a flood of writes into a log is refused.</summary>
    public const string OmpWrites = "omp-writes";

    /// <summary>One Million Pixels anonymous reads (pixels, history, canvas, stream connects) per IP: a bucket of 600
    /// refilling over a minute (10 a second sustained, bursts of 600), checked in memory on the node.</summary>
    public const string OmpReads = "omp-reads";

    public static IReadOnlyDictionary<string, RateLimitRuleOptions[]> Policies { get; } = new Dictionary<string, RateLimitRuleOptions[]>
    {
        [Dojo] = [Rule("minute", RateLimitKind.FixedWindow, 60, TimeSpan.FromMinutes(1), RateLimitPartition.Key)],
        [Ocean] =
        [
            Rule("day", RateLimitKind.FixedWindow, 20, TimeSpan.FromDays(1), RateLimitPartition.Key),
            Rule("burst", RateLimitKind.TokenBucket, 60, TimeSpan.FromMinutes(1), RateLimitPartition.Key),
        ],
        [OceanBurst] = [Rule("burst", RateLimitKind.TokenBucket, 60, TimeSpan.FromMinutes(1), RateLimitPartition.Key)],
        [OceanGallery] = [Rule("minute", RateLimitKind.TokenBucket, 120, TimeSpan.FromMinutes(1), RateLimitPartition.Ip)],
        [BsapPlacements] = [Rule("hour", RateLimitKind.FixedWindow, 5, TimeSpan.FromHours(1), RateLimitPartition.Ip)],
        [BsapVerify] = [Rule("minute", RateLimitKind.TokenBucket, 20, TimeSpan.FromMinutes(1), RateLimitPartition.Ip)],
        [OmpAgents] = [Rule("hour", RateLimitKind.TokenBucket, 10, TimeSpan.FromHours(1), RateLimitPartition.Ip)],
        [OmpWrites] = [Rule("second", RateLimitKind.TokenBucket, 10, TimeSpan.FromSeconds(1), RateLimitPartition.Key)],
        [OmpReads] = [Rule("minute", RateLimitKind.TokenBucket, 600, TimeSpan.FromMinutes(1), RateLimitPartition.Ip)],
    };

    /// <summary>Adds each built-in policy that configuration did not name (a configured policy replaces the default whole).</summary>
    internal static void AddMissing(RateLimitOptions options)
    {
        foreach (var (name, rules) in Policies)
        {
            if (!options.Policies.ContainsKey(name))
            {
                options.Policies[name] = [.. rules.Select(Copy)];
            }
        }
    }

    private static RateLimitRuleOptions Rule(string name, RateLimitKind kind, int limit, TimeSpan window, RateLimitPartition partition) =>
        new() { Name = name, Kind = kind, Limit = limit, Window = window, Partition = partition };

    private static RateLimitRuleOptions Copy(RateLimitRuleOptions rule) => Rule(rule.Name!, rule.Kind, rule.Limit, rule.Window, rule.Partition);
}
