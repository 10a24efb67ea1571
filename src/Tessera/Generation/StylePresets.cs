using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Generation;

/// <summary>
/// The style presets generation offers (the seed names professional, cinematic, minimalist and cyberpunk for
/// <c>/api/generate</c>, and photorealistic in its batch example) and the one rule for naming one: absent → the default;
/// unknown → 400 listing the valid slugs; locked → 403 saying how to unlock it.
/// </summary>
public sealed class StylePresets(IOptions<GenerationOptions> options)
{
    public const string DefaultSlug = "professional";

    /// <summary>The built-in presets, in the order they are listed. The modifiers are words every provider understands
    /// (and that the local procedural engine reads for its composition and finish, docs/engines-local.md).</summary>
    public static readonly IReadOnlyList<StylePreset> All =
    [
        new(DefaultSlug, "Professional", "professional, clean composition, balanced soft lighting, high detail", Premium: false),
        new("cinematic", "Cinematic", "cinematic, dramatic lighting, wide angle, film still", Premium: false),
        new("minimalist", "Minimalist", "minimalist, simple shapes, clean gradient background, negative space", Premium: false),
        new("photorealistic", "Photorealistic", "photorealistic, natural light, sharp focus, realistic detail", Premium: false),
        new("cyberpunk", "Cyberpunk", "cyberpunk, neon lights, night city, synthwave colours", Premium: true),
        new("watercolor", "Watercolor", "watercolor painting, soft washes of colour on paper", Premium: true),
        new("pixel-art", "Pixel Art", "pixel art, 16-bit retro game style", Premium: true),
        new("abstract", "Abstract", "abstract geometric shapes, bold colours, bauhaus", Premium: true),
    ];

    public static string ValidSlugs => string.Join(", ", All.Select(style => style.Slug));

    public static StylePreset? Find(string? slug) =>
        Normalize(slug) is { } normalized ? All.FirstOrDefault(style => style.Slug == normalized) : null;

    public bool IsLocked(StylePreset style) =>
        options.Value.LockedStyles.Any(locked => Normalize(locked) == style.Slug);

    /// <summary>The preset <paramref name="slug"/> names (null or blank: the default).</summary>
    public Result<StylePreset> Resolve(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return Find(DefaultSlug)!;
        }

        if (Find(slug) is not { } style)
        {
            return new Error("unknown_style", $"'style' must be one of {ValidSlugs} (got '{Truncate(slug)}').", 400);
        }

        return IsLocked(style)
            ? new Error("style_locked", $"The style '{style.Slug}' is a premium preset and is locked for your account: unlock it with Pixcoins (POST /api/economy/styles/{style.Slug}/unlock) or choose an unlocked style.", 403)
            : style;
    }

    /// <summary>Lower case, spaces and underscores as hyphens ("Pixel Art" → <c>pixel-art</c>); null for blank.</summary>
    private static string? Normalize(string? slug) =>
        string.IsNullOrWhiteSpace(slug) ? null : slug.Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
