using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Models;

namespace Tessera.Tests.Engines.Registry;

public sealed class ModelRegistryTests
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    [Fact]
    public async Task Defaults_list_the_seed_models_with_their_engines_and_prices()
    {
        await using var host = await EngineHost.StartAsync(NoSettings);
        var registry = host.Registry;

        Assert.Equal(["flux-1.1-pro", "flux-1.1-pro-ultra", "qwen-image", "wan-image", "wan-video", "animate"], registry.All.Select(model => model.Id));
        var flux = registry.Find("flux-1.1-pro")!;
        Assert.Equal(["procedural-image"], flux.Engines);
        Assert.Equal((PricingKind.PerOutput, 1m), (flux.Pricing.Kind, flux.Pricing.Credits));
        Assert.Equal(2m, registry.Find("flux-1.1-pro-ultra")!.Pricing.Credits);

        var video = registry.Find("wan-video")!;
        Assert.Equal((OutputRoles.Video, PricingKind.PerSecond), (video.OutputKind, video.Pricing.Kind));
        Assert.Equal(["procedural-video"], video.Engines);

        var animate = registry.Find(DefaultModels.AnimateId)!;
        Assert.Equal(["engine"], animate.Surfaces);
        Assert.Equal(["sprite-animation"], animate.Engines);
        Assert.Equal((OutputRoles.Animation, PricingKind.Fixed, 20m), (animate.OutputKind, animate.Pricing.Kind, animate.Pricing.Credits));
        Assert.Equal(20m, animate.CostFor(default));
    }

    [Fact]
    public async Task Every_default_description_says_the_model_is_procedural_not_neural()
    {
        await using var host = await EngineHost.StartAsync(NoSettings);

        Assert.All(host.Registry.All, model =>
        {
            Assert.Contains("procedural", model.Description, StringComparison.Ordinal);
            Assert.Contains("not a neural network", model.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Engines_are_found_by_name_among_the_registered_ones()
    {
        await using var host = await EngineHost.StartAsync(NoSettings);

        Assert.Equal("sprite-animation", host.Registry.Engine("sprite-animation")?.Name);
        Assert.Null(host.Registry.Engine("nope"));
        Assert.Null(host.Registry.Find("FLUX-1.1-PRO"));
    }

    [Fact]
    public async Task An_override_changes_only_the_fields_it_sets_and_a_list_it_sets_replaces_the_default()
    {
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tessera:Engines:Providers:openai-main:Kind"] = "openai",
            ["Tessera:Models:flux-1.1-pro:Engines:0"] = "openai-main",
            ["Tessera:Models:flux-1.1-pro:Engines:1"] = "procedural-image",
            ["Tessera:Models:flux-1.1-pro:Settings:providerModel"] = "gpt-image-1",
        });

        var flux = host.Registry.Find("flux-1.1-pro")!;
        Assert.Equal(["openai-main", "procedural-image"], flux.Engines);
        Assert.Equal("gpt-image-1", flux.Settings["providerModel"]);
        Assert.Equal(1m, flux.Pricing.Credits);
        Assert.Equal("FLUX 1.1 Pro", flux.Name);
        Assert.Equal("openai-main", host.Registry.Engine("openai-main")?.Name);
    }

    [Fact]
    public async Task Enabled_false_removes_a_default_and_list_entries_add_models()
    {
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tessera:Models:qwen-image:Enabled"] = "false",
            ["Tessera:Models:0:Id"] = "pixel-art",
            ["Tessera:Models:0:Name"] = "Pixel art",
            ["Tessera:Models:0:Engines:0"] = "procedural-image",
            ["Tessera:Models:0:Pricing:Kind"] = "Fixed",
            ["Tessera:Models:0:Pricing:Credits"] = "0.5",
        });

        Assert.Null(host.Registry.Find("qwen-image"));
        var added = host.Registry.Find("pixel-art")!;
        Assert.Equal((PricingKind.Fixed, 0.5m), (added.Pricing.Kind, added.Pricing.Credits));
        Assert.Equal(["dojo"], added.Surfaces);
    }

    [Fact]
    public async Task BuiltInModels_false_lists_only_configured_models()
    {
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tessera:Engines:BuiltInModels"] = "false",
            ["Tessera:Models:mine:Engines:0"] = "procedural-image",
        });

        Assert.Equal(["mine"], host.Registry.All.Select(model => model.Id));
    }

    [Fact]
    public async Task A_default_whose_engine_is_not_on_the_server_is_left_out_and_the_server_starts()
    {
        await using var host = await EngineHost.StartAsync(NoSettings, localEngines: ["procedural-image", "sprite-animation"]);

        Assert.Null(host.Registry.Find("wan-video"));
        Assert.NotNull(host.Registry.Find("flux-1.1-pro"));
    }

    [Theory]
    [InlineData("Tessera:Models:flux-1.1-pro:Engines:0", "openai-typo", "Tessera:Models:flux-1.1-pro: Engines lists 'openai-typo'")]
    [InlineData("Tessera:Models:flux-1.1-pro:Pricing:Credits", "-1", "Pricing:Credits is -1: it may not be negative")]
    [InlineData("Tessera:Models:flux-1.1-pro:Pricing:Credits", "0.0001", "at most 3 decimal places")]
    [InlineData("Tessera:Models:wan-video:Pricing:DefaultDurationSeconds", "0", "DefaultDurationSeconds is 0")]
    [InlineData("Tessera:Models:flux-1.1-pro:OutputKind", "audio", "OutputKind 'audio' is not one of image, video, animation")]
    [InlineData("Tessera:Models:flux-1.1-pro:Schema", "{not json", "Schema is not a valid JSON schema")]
    [InlineData("Tessera:Models:flux-1.1-pro:Id", "other", "Id 'other' differs from its key")]
    [InlineData("Tessera:Models:bad id!:Engines:0", "procedural-image", "the id must be")]
    [InlineData("Tessera:Models:empty:Name", "No engines", "Engines is empty")]
    [InlineData("Tessera:Engines:Providers:procedural-image:Kind", "openai", "two engines are named 'procedural-image'")]
    [InlineData("Tessera:Engines:Providers:p:BaseUrl", "https://example.test", "Tessera:Engines:Providers:p: Kind is required")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EngineHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_entries_with_one_id_stop_the_start()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tessera:Models:mine:Engines:0"] = "procedural-image",
            ["Tessera:Models:0:Id"] = "mine",
            ["Tessera:Models:0:Engines:0"] = "procedural-image",
        }));

        Assert.Contains("duplicate model id 'mine'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Timeout", "00:00:00", "Timeout must be positive")]
    [InlineData("BaseUrl", "ftp://example.test", "is not an absolute http(s) URL")]
    [InlineData("WaitSeconds", "61", "WaitSeconds must be 0")]
    [InlineData("WorkflowFile", "/nonexistent/workflow.json", "does not exist")]
    [InlineData("Workflow", "[1,2]", "Workflow is not a JSON object")]
    public async Task A_bad_provider_setting_stops_the_start(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tessera:Engines:Providers:comfy:Kind"] = "comfyui",
            ["Tessera:Engines:Providers:comfy:" + key] = value,
        }));

        Assert.Contains("Tessera:Engines:Providers:comfy: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
