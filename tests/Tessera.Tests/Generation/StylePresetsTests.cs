using Microsoft.Extensions.Options;
using Tessera.Generation;

namespace Tessera.Tests.Generation;

public sealed class StylePresetsTests
{
    private static StylePresets Presets(params string[] locked) => new(Options.Create(new GenerationOptions { LockedStyles = [.. locked] }));

    [Fact]
    public void The_seeds_styles_are_offered_with_professional_the_default()
    {
        foreach (var slug in new[] { "professional", "cinematic", "minimalist", "cyberpunk", "photorealistic" })
        {
            Assert.NotNull(StylePresets.Find(slug));
        }

        var style = Presets().Resolve(null);
        Assert.Equal("professional", style.Value.Slug);
        Assert.Equal("professional", Presets().Resolve("  ").Value.Slug);
        Assert.True(StylePresets.Find("cyberpunk")!.Premium); // the seed's unlock example
    }

    [Fact]
    public void A_slug_is_matched_without_case_and_with_spaces_or_underscores_as_hyphens()
    {
        Assert.Equal("pixel-art", Presets().Resolve("Pixel Art").Value.Slug);
        Assert.Equal("pixel-art", Presets().Resolve("PIXEL_ART").Value.Slug);
    }

    [Fact]
    public void Unknown_is_400_listing_the_slugs_and_locked_is_403_only_for_the_configured_ones()
    {
        var unknown = Presets().Resolve("baroque");
        var locked = Presets("Watercolor").Resolve("watercolor");
        var premiumButOpen = Presets("watercolor").Resolve("cyberpunk");

        Assert.Equal((400, "unknown_style"), (unknown.Error!.Status, unknown.Error.Code));
        Assert.Contains(StylePresets.ValidSlugs, unknown.Error.Message, StringComparison.Ordinal);
        Assert.Equal((403, "style_locked"), (locked.Error!.Status, locked.Error.Code));
        Assert.Contains("unlock", locked.Error.Message, StringComparison.Ordinal);
        Assert.True(premiumButOpen.IsSuccess); // nothing is locked unless configured, until #15
    }

    [Fact]
    public void The_style_adds_its_words_after_the_callers_prompt()
    {
        var cinematic = StylePresets.Find("cinematic")!;

        Assert.Equal("Mountain at sunset, " + cinematic.PromptModifier, cinematic.Apply("  Mountain at sunset "));
    }
}
