using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Engines;
using Tessera.Engines.Local;
using Tessera.Engines.Local.Procedural;
using Tessera.Engines.Local.Sprites;
using Tessera.Imaging;

namespace Tessera.Benchmarks.Engines;

/// <summary>
/// The local engines on one core: 1024×1024 procedural images per second (render alone, and render + PNG encode),
/// the PNG encoder's settings compared, and 64×64 8-frame GIF animations per second.
/// Run: <c>... -- engines [seconds per figure] [--samples DIR]</c> (--samples also writes one PNG per composition).
/// </summary>
public static class LocalEnginesBenchmark
{
    private const int Side = 1024;

    private static readonly string[] Prompts =
    [
        "a red desert landscape at sunset", "teal clouds", "gold mosaic", "pastel bubbles", "blue stripes",
        "geometric bauhaus poster", "deep blue ocean waves", "neon synthwave grid", "minimal pink", "green pixel art hills",
        "watercolor forest landscape",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 3;
        var samples = Array.IndexOf(args, "--samples") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

        // One core: libvips' worker pool to one thread, and everything below runs on this thread.
        NetVips.NetVips.Concurrency = 1;
        var scenes = Prompts.Select((prompt, i) => ProceduralScene.FromPrompt(prompt, i)).ToArray();
        var buffer = new byte[Side * Side * 4];
        if (samples is not null)
        {
            Directory.CreateDirectory(samples);
            for (var i = 0; i < scenes.Length; i++)
            {
                ProceduralRenderer.Render(scenes[i], Camera.Still, buffer, Side, Side);
                await File.WriteAllBytesAsync(Path.Combine(samples, $"{i:00}-{Prompts[i].Replace(' ', '-')}.png"), RgbaEncoderProbe.Png(buffer, 1, Enums.ForeignPngFilter.Sub));
            }

            // One contact sheet of 256 px thumbnails, four across, to look at them all at once.
            var thumbnails = Directory.GetFiles(samples, "??-*.png").Order().Select(file => Image.Thumbnail(file, 256)).ToArray();
            using var sheet = Image.Arrayjoin(thumbnails, across: 4, shim: 4);
            sheet.WriteToFile(Path.Combine(samples, "contact-sheet.png"));
            foreach (var thumbnail in thumbnails)
            {
                thumbnail.Dispose();
            }
        }

        Console.WriteLine($"procedural-image, {Side}x{Side}, one core, {scenes.Length} prompts in turn:");
        Measure("  render only", seconds, i => ProceduralRenderer.Render(scenes[i % scenes.Length], Camera.Still, buffer, Side, Side));
        foreach (var (name, scene) in Prompts.Zip(scenes))
        {
            Measure($"    render only: {name} ({StyleWords.Name(scene.Composition)})", seconds / 4, _ => ProceduralRenderer.Render(scene, Camera.Still, buffer, Side, Side));
        }

        Measure("  render + PNG (the engine's encoder)", seconds, i =>
        {
            ProceduralRenderer.Render(scenes[i % scenes.Length], Camera.Still, buffer, Side, Side);
            ImageEncoder.Png(buffer, Side, Side, opaque: true);
        });

        // The encoder settings compared on the same pictures: each pass encodes all of them once.
        var rendered = scenes.Select(scene =>
        {
            var rgba = new byte[Side * Side * 4];
            ProceduralRenderer.Render(scene, Camera.Still, rgba, Side, Side);
            return rgba;
        }).ToArray();
        foreach (var (level, filter) in new[] { (1, Enums.ForeignPngFilter.Sub), (1, Enums.ForeignPngFilter.None), (6, Enums.ForeignPngFilter.Sub), (6, Enums.ForeignPngFilter.All) })
        {
            long bytes = 0;
            Measure($"  PNG encode only, level {level}, filter {filter}", seconds / 2, i =>
            {
                foreach (var rgba in rendered)
                {
                    bytes += RgbaEncoderProbe.Png(rgba, level, filter).Length;
                }
            }, () => $"{rendered.Length} images per pass, mean PNG {bytes / 1024 / Math.Max(1, (Calls + 1) * rendered.Length)} KB");
        }

        var engine = new SpriteAnimationEngine(Options.Create(new ImagingOptions()));
        var sprite = Convert.ToBase64String(SpritePng(64));
        var motions = new[] { "walking left", "jumping", "spinning", "idle", "waving", "fading" };
        var requests = motions.Select(motion => new EngineRequest("bench", new ModelDefinition(),
            JsonSerializer.SerializeToElement(new { image = sprite, prompt = $"a hero {motion}" }), 1)).ToArray();
        if (samples is not null)
        {
            foreach (var (motion, request) in motions.Zip(requests))
            {
                var result = await engine.RunAsync(request, CancellationToken.None);
                await File.WriteAllBytesAsync(Path.Combine(samples, $"sprite-{motion.Replace(' ', '-')}.gif"), result.Outputs[0].Content.ToArray());
                await File.WriteAllBytesAsync(Path.Combine(samples, $"sheet-{motion.Replace(' ', '-')}.png"), result.Outputs[1].Content.ToArray());
            }
        }

        Console.WriteLine("sprite-animation, 64x64 sprite, 8 frames, GIF + sprite sheet PNG:");
        Measure("  animations", seconds, i => engine.RunAsync(requests[i % requests.Length], CancellationToken.None).GetAwaiter().GetResult());
        return 0;
    }

    private static int Calls { get; set; }

    private static void Measure(string name, double seconds, Action<int> work, Func<string>? extra = null)
    {
        work(0);
        Calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds || Calls < 3)
        {
            work(Calls++);
        }

        var perSecond = Calls / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{name}: {perSecond:F1}/s ({1000 / perSecond:F1} ms each){(extra is null ? "" : ", " + extra())}");
    }

    /// <summary>A 64×64 sprite: a filled circle on transparency with a darker band, so mirroring and rotation show.</summary>
    private static byte[] SpritePng(int side)
    {
        var rgba = new byte[side * side * 4];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var dx = x - (side / 2);
                var dy = y - (side / 2);
                if ((dx * dx) + (dy * dy) < side * side / 5)
                {
                    var i = ((y * side) + x) * 4;
                    (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (200, (byte)(x < side / 2 ? 60 : 160), 40, 255);
                }
            }
        }

        using var image = Image.NewFromMemory(rgba, side, side, 4, Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    /// <summary>The PNG encoder with other settings, to compare with the engine's choice.</summary>
    private static class RgbaEncoderProbe
    {
        public static byte[] Png(byte[] rgba, int level, Enums.ForeignPngFilter filter)
        {
            using var image = Image.NewFromMemory(rgba, Side, Side, 4, Enums.BandFormat.Uchar);
            using var rgb = image.ExtractBand(0, n: 3);
            return rgb.PngsaveBuffer(compression: level, filter: filter, keep: Enums.ForeignKeep.None);
        }
    }
}
