namespace Tessera.Engines.Models;

/// <summary>
/// The models a fresh server offers: the PixelDojo image models its seed names, one video model, and Pixel Engine's
/// <c>animate</c>. All run on the built-in local engines, and their descriptions say plainly that those are procedural,
/// not neural. An operator overrides any field under <c>Tessera:Models:{id}</c> or removes one with <c>Enabled=false</c>.
/// </summary>
public static class DefaultModels
{
    public const string AnimateId = "animate";

    private const string ProceduralImage = "procedural-image";
    private const string ProceduralVideo = "procedural-video";
    private const string SpriteAnimation = "sprite-animation";

    private const string ProceduralNote =
        " Runs on Tessera's built-in procedural image engine: palette, composition and style are derived from the prompt"
        + " and the seed by code (this is not a neural network), so results are abstract and reproducible. An operator can map"
        + " this model to a provider engine (OpenAI, Replicate, ComfyUI).";

    /// <summary>Fresh instances each call, so a caller may change them.</summary>
    public static List<ModelDefinition> Create() =>
    [
        Image("flux-1.1-pro", "FLUX 1.1 Pro", "General-purpose text-to-image.", credits: 1),
        Image("flux-1.1-pro-ultra", "FLUX 1.1 Pro Ultra", "Highest-quality text-to-image at larger sizes.", credits: 2),
        TextImage(Image("qwen-image", "Qwen Image", "Text-to-image suited to text inside images.", credits: 1)),
        Image("wan-image", "Wan Image", "Fast text-to-image.", credits: 1),
        new()
        {
            Id = "wan-video",
            Name = "Wan Video",
            Description = "Text-to-video, charged per second of duration. Runs on Tessera's built-in procedural video"
                + " engine: frames are drawn by code from the prompt and seed (not a neural network) and encoded as MP4.",
            Surfaces = ["dojo"],
            Engines = [ProceduralVideo],
            OutputKind = OutputRoles.Video,
            Pricing = new ModelPricing { Kind = PricingKind.PerSecond, Credits = 1, DefaultDurationSeconds = 5 },
        },
        new()
        {
            Id = AnimateId,
            Name = "Pixel Engine Animate",
            Description = "Animates a sprite from an image and a motion prompt into an animated GIF or WebP and a sprite"
                + " sheet. Runs on Tessera's built-in sprite animation engine: motion verbs and directions in the prompt"
                + " drive procedural frame transforms, not a neural network.",
            Surfaces = ["engine"],
            Engines = [SpriteAnimation],
            OutputKind = OutputRoles.Animation,
            Pricing = new ModelPricing { Kind = PricingKind.Fixed, Credits = 20 },
        },
    ];

    /// <summary>A model that draws the prompt's quoted text on a sign, with a real font (docs/engines-local.md, "Text").</summary>
    private static ModelDefinition TextImage(ModelDefinition model)
    {
        model.DrawsText = true;
        model.Description += " Text in double quotes in the prompt (a sign saying \"OPEN\") is drawn on a sign with a real font.";
        return model;
    }

    private static ModelDefinition Image(string id, string name, string what, decimal credits) => new()
    {
        Id = id,
        Name = name,
        Description = what + ProceduralNote,
        Surfaces = ["dojo"],
        Engines = [ProceduralImage],
        OutputKind = OutputRoles.Image,
        Pricing = new ModelPricing { Kind = PricingKind.PerOutput, Credits = credits },
    };
}
