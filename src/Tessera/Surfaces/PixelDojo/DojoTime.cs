using System.Globalization;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>Times as the doc writes them: UTC, whole seconds, <c>Z</c> (<c>2025-01-23T12:00:00Z</c>).</summary>
internal static class DojoTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
