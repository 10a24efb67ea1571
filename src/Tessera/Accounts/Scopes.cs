namespace Tessera.Accounts;

/// <summary>What a key may do. A key without scopes may do everything its account may; see docs/scopes.md.</summary>
public static class Scopes
{
    public const string All = "*";
    public const string Canvas = "canvas";
    public const string Jobs = "jobs";
    public const string Generate = "generate";
    public const string Scrape = "scrape";
    public const string Search = "search";
    public const string Media = "media";
    public const string Webhooks = "webhooks";
    public const string Economy = "economy";
    public const string Pipelines = "pipelines";
    public const string Keys = "keys";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Canvas, Jobs, Generate, Scrape, Search, Media, Webhooks, Economy, Pipelines, Keys,
    };

    /// <summary>Parses a list (array items or a comma/space separated string); null when any scope is unknown.</summary>
    public static IReadOnlySet<string>? Parse(IEnumerable<string> values, out string? unknown)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        unknown = null;
        foreach (var value in values.SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Known.Contains(value))
            {
                unknown = value;
                return null;
            }

            set.Add(value);
        }

        return set;
    }

    public static string? Serialize(IReadOnlySet<string>? scopes) => scopes is null ? null : string.Join(' ', scopes);

    public static IReadOnlySet<string>? Deserialize(string? stored) =>
        stored is null ? null : new HashSet<string>(stored.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>A sub-key gets at most what its parent has: the intersection (null = all).</summary>
    public static IReadOnlySet<string>? Intersect(IReadOnlySet<string>? parent, IReadOnlySet<string>? child)
    {
        if (parent is null)
        {
            return child;
        }

        if (child is null)
        {
            return parent;
        }

        return new SortedSet<string>(parent.Intersect(child), StringComparer.Ordinal);
    }
}
