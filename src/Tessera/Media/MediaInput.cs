using System.Globalization;
using System.Text;
using Tessera.Common;

namespace Tessera.Media;

/// <summary>
/// The library's rules for what a caller names things: names and groups are trimmed, free of control characters and
/// bounded; tags are lower-cased, trimmed, inner whitespace collapsed, deduplicated in their order, each bounded, and so
/// many per asset. HTML in a name is kept as text (every page renders it as text).
/// </summary>
public sealed class MediaInput(MediaOptions options)
{
    public Result<string> Name(string? value, string field = "name")
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return MediaErrors.Invalid($"'{field}' must not be empty.");
        }

        if (text.Any(char.IsControl))
        {
            return MediaErrors.Invalid($"'{field}' must not contain control characters.");
        }

        return new StringInfo(text).LengthInTextElements > options.MaxNameLength
            ? MediaErrors.Invalid($"'{field}' is longer than {options.MaxNameLength} characters.")
            : text;
    }

    /// <summary>An optional name: null or blank is none.</summary>
    public Result<string?> OptionalName(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (string?)null;
        }

        var name = Name(value, field);
        return name.IsSuccess ? name.Value : name.Error;
    }

    public Result<IReadOnlyList<string>> Tags(IEnumerable<string?> values)
    {
        var tags = new List<string>();
        foreach (var value in values)
        {
            var tag = Normalise(value);
            if (tag.Length == 0)
            {
                return MediaErrors.Invalid("A tag must not be empty.");
            }

            if (tag.Any(char.IsControl))
            {
                return MediaErrors.Invalid("A tag must not contain control characters.");
            }

            if (tag.Length > options.MaxTagLength)
            {
                return MediaErrors.Invalid($"A tag is longer than {options.MaxTagLength} characters: '{tag[..Math.Min(tag.Length, 20)]}…'.");
            }

            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags.Count > options.MaxTagsPerAsset
            ? MediaErrors.Invalid($"At most {options.MaxTagsPerAsset} tags per asset.")
            : tags;
    }

    /// <summary>A tag as stored and as a filter compares it.</summary>
    public static string Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return "";
        }

        var text = new StringBuilder(tag.Length);
        var space = false;
        foreach (var c in tag.Trim().ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>Ids of one call: present, positive, at most <see cref="MediaOptions.MaxIdsPerCall"/>, duplicates once.</summary>
    public Result<IReadOnlyList<long>> Ids(IReadOnlyList<long>? ids)
    {
        if (ids is null || ids.Count == 0)
        {
            return MediaErrors.Invalid("'ids' must be a non-empty array of media ids.");
        }

        if (ids.Count > options.MaxIdsPerCall)
        {
            return MediaErrors.Invalid($"At most {options.MaxIdsPerCall} ids per call.");
        }

        return ids.Any(id => id <= 0)
            ? MediaErrors.Invalid("Media ids are positive integers.")
            : ids.Distinct().ToList();
    }
}
