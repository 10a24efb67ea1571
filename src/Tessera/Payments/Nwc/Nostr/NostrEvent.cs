using System.Text.Json.Serialization;

namespace Tessera.Payments.Nwc.Nostr;

/// <summary>A NIP-01 event as it travels on the wire (ids, keys and signatures are lowercase hex).</summary>
public sealed record NostrEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("pubkey")] string PubKey,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("kind")] int Kind,
    [property: JsonPropertyName("tags")] IReadOnlyList<IReadOnlyList<string>> Tags,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("sig")] string Sig)
{
    /// <summary>The second element of the first tag named <paramref name="name"/>, or null.</summary>
    public string? FirstTagValue(string name) =>
        Tags.FirstOrDefault(tag => tag.Count >= 2 && string.Equals(tag[0], name, StringComparison.Ordinal)) is { } tag ? tag[1] : null;
}
