using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Local;
using Tessera.Engines.Local.Procedural;
using static Tessera.Tests.Engines.Local.LocalEngineRequests;

namespace Tessera.Tests.Engines.Local;

public sealed class ProceduralImageEngineTests
{
    private readonly ProceduralImageEngine _engine = new(InputImages.None, Options.Create(new LocalEnginesOptions()));

    public static TheoryData<string> PromptsOfEveryStyle =>
    [
        "a red desert landscape at sunset", "teal clouds", "gold mosaic", "pastel bubbles", "blue stripes", "geometric poster",
        "deep blue ocean waves", "neon synthwave grid", "minimal pink", "green pixel art hills", "watercolor forest", "something",
    ];

    [Theory]
    [MemberData(nameof(PromptsOfEveryStyle))]
    public async Task The_same_prompt_and_seed_give_identical_bytes(string prompt)
    {
        var input = new { prompt, seed = 42, aspect_ratio = "16:9", width = 320 };
        var first = await _engine.RunAsync(For(input), TestContext.Current.CancellationToken);
        var second = await _engine.RunAsync(For(input), TestContext.Current.CancellationToken);
        Assert.Equal(first.Outputs[0].Content.ToArray(), second.Outputs[0].Content.ToArray());
        Assert.Equal("image/png", first.Outputs[0].ContentType);
        Assert.Equal(OutputRoles.Image, first.Outputs[0].Role);
    }

    [Theory]
    [MemberData(nameof(PromptsOfEveryStyle))]
    public async Task Different_seeds_give_different_images(string prompt)
    {
        var one = await _engine.RunAsync(For(new { prompt, seed = 1, width = 256 }), TestContext.Current.CancellationToken);
        var two = await _engine.RunAsync(For(new { prompt, seed = 2, width = 256 }), TestContext.Current.CancellationToken);
        Assert.NotEqual(one.Outputs[0].Content.ToArray(), two.Outputs[0].Content.ToArray());
    }

    [Theory]
    [InlineData("1:1", 1024, 1024)]
    [InlineData("16:9", 1024, 576)]
    [InlineData("9:16", 576, 1024)]
    [InlineData("4:3", 1024, 768)]
    [InlineData("3:4", 768, 1024)]
    [InlineData("3:2", 1024, 683)]
    [InlineData("2:3", 683, 1024)]
    [InlineData("21:9", 1024, 439)]
    public async Task Each_aspect_ratio_gives_its_size_with_1024_on_the_long_side(string ratio, int width, int height)
    {
        var result = await _engine.RunAsync(For(new { prompt = "blue stripes", aspect_ratio = ratio, seed = 3 }), TestContext.Current.CancellationToken);
        using var image = Decode(result.Outputs[0]);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(width, result.Metadata!["width"]!.GetValue<int>());
        Assert.Equal(height, result.Metadata!["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_an_aspect_ratio_the_image_is_square()
    {
        var result = await _engine.RunAsync(For(new { prompt = "clouds", seed = 1 }), TestContext.Current.CancellationToken);
        using var image = Decode(result.Outputs[0]);
        Assert.Equal((1024, 1024), (image.Width, image.Height));
    }

    [Fact]
    public async Task Width_and_height_override_the_size_and_one_side_keeps_the_aspect_ratio()
    {
        var both = await _engine.RunAsync(For(new { prompt = "clouds", width = 300, height = 200 }), TestContext.Current.CancellationToken);
        using (var image = Decode(both.Outputs[0]))
        {
            Assert.Equal((300, 200), (image.Width, image.Height));
        }

        var one = await _engine.RunAsync(For(new { prompt = "clouds", width = 512, aspect_ratio = "16:9" }), TestContext.Current.CancellationToken);
        using var scaled = Decode(one.Outputs[0]);
        Assert.Equal((512, 288), (scaled.Width, scaled.Height));
    }

    [Theory]
    [InlineData("""{"prompt":"x","width":4096}""")]
    [InlineData("""{"prompt":"x","height":0}""")]
    [InlineData("""{"prompt":"x","aspect_ratio":"5:1"}""")]
    [InlineData("""{"prompt":"x","num_outputs":5}""")]
    [InlineData("""{"prompt":"x","seed":"seven"}""")]
    [InlineData("""{"prompt":""}""")]
    [InlineData("""{}""")]
    public async Task Out_of_bounds_input_is_refused_as_a_validation_error(string json)
    {
        var request = new EngineRequest("job", new ModelDefinition(), System.Text.Json.JsonDocument.Parse(json).RootElement, 1);
        var error = await Assert.ThrowsAsync<EngineException>(() => _engine.RunAsync(request, TestContext.Current.CancellationToken));
        Assert.Equal("validation_error", error.Code);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task Colour_words_move_the_mean_colour()
    {
        var ocean = MeanColour((await _engine.RunAsync(For(new { prompt = "deep blue ocean", seed = 5, width = 256 }), TestContext.Current.CancellationToken)).Outputs[0]);
        var desert = MeanColour((await _engine.RunAsync(For(new { prompt = "red desert", seed = 5, width = 256 }), TestContext.Current.CancellationToken)).Outputs[0]);
        var forest = MeanColour((await _engine.RunAsync(For(new { prompt = "green forest clouds", seed = 5, width = 256 }), TestContext.Current.CancellationToken)).Outputs[0]);
        Assert.True(ocean.B > ocean.R + 30, $"ocean {ocean}");
        Assert.True(desert.R > desert.B + 30, $"desert {desert}");
        Assert.True(forest.G > forest.R && forest.G > forest.B, $"forest {forest}");
        Assert.True(ocean.B - ocean.R > desert.B - desert.R + 60, $"ocean {ocean} vs desert {desert}");
    }

    [Fact]
    public async Task Pastel_is_lighter_than_dark()
    {
        var pastel = MeanColour((await _engine.RunAsync(For(new { prompt = "pastel purple mosaic", seed = 9, width = 256 }), TestContext.Current.CancellationToken)).Outputs[0]);
        var dark = MeanColour((await _engine.RunAsync(For(new { prompt = "dark purple mosaic", seed = 9, width = 256 }), TestContext.Current.CancellationToken)).Outputs[0]);
        Assert.True(pastel.R + pastel.G + pastel.B > dark.R + dark.G + dark.B + 150, $"pastel {pastel} dark {dark}");
    }

    [Fact]
    public async Task Num_outputs_gives_that_many_distinct_images_with_consecutive_seeds()
    {
        var result = await _engine.RunAsync(For(new { prompt = "gold mosaic", num_outputs = 3, seed = 100, width = 200 }), TestContext.Current.CancellationToken);
        Assert.Equal(3, result.Outputs.Count);
        Assert.Equal(3, result.Outputs.Select(o => Convert.ToBase64String(o.Content.Span)).Distinct().Count());
        Assert.Equal([100, 101, 102], result.Metadata!["seeds"]!.AsArray().Select(s => s!.GetValue<int>()));

        // Output i is the image seed + i gives on its own.
        var third = await _engine.RunAsync(For(new { prompt = "gold mosaic", seed = 102, width = 200 }), TestContext.Current.CancellationToken);
        Assert.Equal(third.Outputs[0].Content.ToArray(), result.Outputs[2].Content.ToArray());
    }

    [Fact]
    public async Task Without_a_seed_one_is_derived_from_the_prompt_and_reported()
    {
        var first = await _engine.RunAsync(For(new { prompt = "teal clouds over hills", width = 128 }), TestContext.Current.CancellationToken);
        var second = await _engine.RunAsync(For(new { prompt = "teal clouds over hills", width = 128 }), TestContext.Current.CancellationToken);
        Assert.Equal(first.Outputs[0].Content.ToArray(), second.Outputs[0].Content.ToArray());
        Assert.Equal("prompt", first.Metadata!["seed_source"]!.GetValue<string>());
        var seed = first.Metadata!["seed"]!.GetValue<int>();
        var explicitSeed = await _engine.RunAsync(For(new { prompt = "teal clouds over hills", width = 128, seed }), TestContext.Current.CancellationToken);
        Assert.Equal(first.Outputs[0].Content.ToArray(), explicitSeed.Outputs[0].Content.ToArray());
    }

    [Theory]
    [InlineData("gold mosaic", "mosaic", "none")]
    [InlineData("a sunset landscape in pixel art", "landscape", "pixel-art")]
    [InlineData("watercolor bubbles", "circles", "watercolor")]
    [InlineData("neon synthwave grid", "neon-grid", "none")]
    [InlineData("stained glass window", "mosaic", "none")]
    public async Task Metadata_names_the_style_finish_and_palette(string prompt, string style, string finish)
    {
        var result = await _engine.RunAsync(For(new { prompt, seed = 1, width = 64 }), TestContext.Current.CancellationToken);
        var metadata = result.Metadata!;
        Assert.Equal(style, metadata["style"]!.GetValue<string>());
        Assert.Equal(finish, metadata["finish"]!.GetValue<string>());
        Assert.Equal(1, metadata["seed"]!.GetValue<int>());
        Assert.All(metadata["palette"]!.AsArray(), colour => Assert.Matches("^#[0-9a-f]{6}$", colour!.GetValue<string>()));
        Assert.InRange(metadata["palette"]!.AsArray().Count, 3, 7);
    }

    [Fact]
    public void The_model_description_says_it_is_not_a_neural_model()
    {
        Assert.Contains("not a neural model", ProceduralImageEngine.ModelDescription, StringComparison.Ordinal);
        Assert.Equal("procedural-image", _engine.Name);
    }

    [Fact]
    public async Task A_cancelled_job_stops_before_finishing_its_outputs()
    {
        using var cancellation = new CancellationTokenSource();
        var input = new { prompt = "teal clouds", num_outputs = 4, width = 2048, height = 2048 };
        var run = _engine.RunAsync(For(input), cancellation.Token);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _engine.RunAsync(For(input), new CancellationToken(canceled: true)));
    }
}
