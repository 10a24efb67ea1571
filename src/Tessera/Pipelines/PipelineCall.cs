using System.Text.Json.Nodes;
using Tessera.Media;

namespace Tessera.Pipelines;

/// <summary>
/// One step's call: whose pipeline it is, its params checked and with references resolved, and how the surface names
/// a library file's URL (a module does not know the surface's host or path base).
/// </summary>
public sealed class PipelineCall(string accountId, IReadOnlyDictionary<string, JsonNode?> args, Func<MediaAsset, string> assetUrl)
{
    public string AccountId { get; } = accountId;

    public Func<MediaAsset, string> AssetUrl { get; } = assetUrl;

    public JsonNode? this[string name] => args.GetValueOrDefault(name);

    public string? String(string name) => args.GetValueOrDefault(name)?.GetValue<string>();

    public long? Long(string name) => args.GetValueOrDefault(name)?.GetValue<long>();

    public int Int(string name, int fallback) => (int?)Long(name) ?? fallback;

    public bool Bool(string name, bool fallback) => args.GetValueOrDefault(name)?.GetValue<bool>() ?? fallback;

    public IReadOnlyList<string> Strings(string name) =>
        args.GetValueOrDefault(name) is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : [];

    public IReadOnlyList<long> Longs(string name) =>
        args.GetValueOrDefault(name) is JsonArray array ? [.. array.Select(item => item!.GetValue<long>())] : [];
}
