using System.Text.Json.Nodes;

namespace Tessera.Payments.Nwc.Nostr;

/// <summary>A NIP-01 subscription filter: kinds, authors, single-letter tag values (<c>#p</c>) and a lower time bound.</summary>
public sealed record NostrFilter(
    IReadOnlyList<int> Kinds,
    IReadOnlyList<string> Authors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tags,
    long? Since = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Kinds.Count > 0)
        {
            json["kinds"] = new JsonArray([.. Kinds.Select(kind => (JsonNode)kind)]);
        }

        if (Authors.Count > 0)
        {
            json["authors"] = new JsonArray([.. Authors.Select(author => (JsonNode)author)]);
        }

        foreach (var (name, values) in Tags)
        {
            json["#" + name] = new JsonArray([.. values.Select(value => (JsonNode)value)]);
        }

        if (Since is { } since)
        {
            json["since"] = since;
        }

        return json;
    }

    /// <summary>Parses the filter object of a REQ (what a relay reads; used by the tests' relay).</summary>
    public static NostrFilter FromJson(JsonObject json)
    {
        var kinds = json["kinds"]?.AsArray().Select(node => node!.GetValue<int>()).ToArray() ?? [];
        var authors = json["authors"]?.AsArray().Select(node => node!.GetValue<string>()).ToArray() ?? [];
        var tags = json.Where(pair => pair.Key.Length == 2 && pair.Key[0] == '#')
            .ToDictionary(pair => pair.Key[1..], pair => (IReadOnlyList<string>)[.. pair.Value!.AsArray().Select(node => node!.GetValue<string>())], StringComparer.Ordinal);
        return new NostrFilter(kinds, authors, tags, json["since"]?.GetValue<long>());
    }

    /// <summary>NIP-01 matching: every condition given holds (a tag condition holds when any of its values is on the event).</summary>
    public bool Matches(NostrEvent nostrEvent) =>
        (Kinds.Count == 0 || Kinds.Contains(nostrEvent.Kind))
        && (Authors.Count == 0 || Authors.Contains(nostrEvent.PubKey, StringComparer.Ordinal))
        && (Since is not { } since || nostrEvent.CreatedAt >= since)
        && Tags.All(condition => nostrEvent.Tags.Any(tag =>
            tag.Count >= 2 && string.Equals(tag[0], condition.Key, StringComparison.Ordinal) && condition.Value.Contains(tag[1], StringComparer.Ordinal)));
}
