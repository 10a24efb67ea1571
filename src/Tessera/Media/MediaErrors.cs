using Tessera.Common;

namespace Tessera.Media;

/// <summary>The library's failures; a surface renders them in its own shape. Not yours and not there are the same 404.</summary>
public static class MediaErrors
{
    public static Error AssetNotFound(long id) => Error.NotFound($"Media {id} not found.");

    public static Error FolderNotFound(long id) => Error.NotFound($"Folder {id} not found.");

    public static Error CollectionNotFound(long id) => Error.NotFound($"Collection {id} not found.");

    public static Error Invalid(string message) => Error.Validation(message);

    /// <summary>The code of <see cref="TooMany"/>: an account's count limit (assets, folders ...) is reached.</summary>
    public const string LimitReachedCode = "limit_reached";

    public static Error TooMany(string what, int limit) => new(LimitReachedCode, $"At most {limit} {what} per account.", 400);
}
