using Tessera.Common;

namespace Tessera.Media;

/// <summary>The library's failures; a surface renders them in its own shape. Not yours and not there are the same 404.</summary>
public static class MediaErrors
{
    public static Error AssetNotFound(long id) => Error.NotFound($"Media {id} not found.");

    public static Error FolderNotFound(long id) => Error.NotFound($"Folder {id} not found.");

    public static Error CollectionNotFound(long id) => Error.NotFound($"Collection {id} not found.");

    public static Error Invalid(string message) => Error.Validation(message);

    public static Error TooMany(string what, int limit) => new("limit_reached", $"At most {limit} {what} per account.", 400);
}
