namespace Tessera.Media;

/// <summary>What an asset is, told from its bytes (never its name): the <c>type</c> field of the Pixels Ocean doc.</summary>
public static class AssetKind
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Document = "document";

    public static bool IsKnown(string? kind) => kind is Image or Video or Document;
}
