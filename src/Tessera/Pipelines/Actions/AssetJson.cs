using System.Text.Json.Nodes;
using Tessera.Media;

namespace Tessera.Pipelines.Actions;

/// <summary>A library asset as pipeline outputs list it: what a later step filters or passes on.</summary>
internal static class AssetJson
{
    public static JsonObject Of(MediaAsset asset, string url) => new()
    {
        ["id"] = asset.Id,
        ["name"] = asset.Name,
        ["filename"] = asset.FileName,
        ["url"] = url,
        ["type"] = asset.Kind,
        ["size"] = asset.Size,
        ["width"] = asset.Width,
        ["height"] = asset.Height,
        ["group"] = asset.Group,
        ["tags"] = new JsonArray([.. asset.Tags.Select(tag => (JsonNode)tag)]),
        ["colors"] = new JsonArray([.. asset.Colours.Select(colour => (JsonNode)colour.Hex)]),
        ["phash"] = asset.PerceptualHash?.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
    };
}
