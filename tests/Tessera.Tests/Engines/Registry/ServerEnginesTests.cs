using Microsoft.Extensions.DependencyInjection;
using Tessera.Engines;
using Tessera.Tests.Support;

namespace Tessera.Tests.Engines.Registry;

public sealed class ServerEnginesTests
{
    [Fact]
    public async Task The_server_maps_a_configured_model_to_a_provider_engine_from_its_settings()
    {
        await using var factory = new TesseraFactory()
            .With("Tessera:Engines:Providers:openai-main:Kind", "openai")
            .With("Tessera:Engines:Providers:openai-main:ApiKey", "sk-x")
            .With("Tessera:Models:house-style:Name", "House style")
            .With("Tessera:Models:house-style:Engines:0", "openai-main")
            .With("Tessera:Models:house-style:Settings:providerModel", "gpt-image-1")
            .With("Tessera:Models:house-style:Pricing:Credits", "3");

        var registry = factory.Services.GetRequiredService<IModelRegistry>();

        var model = registry.Find("house-style")!;
        Assert.Equal(["openai-main"], model.Engines);
        Assert.Equal(3m, model.Pricing.Credits);
        Assert.Equal("openai-main", registry.Engine("openai-main")?.Name);
        Assert.All(registry.All, listed => Assert.All(listed.Engines, engine => Assert.NotNull(registry.Engine(engine))));
    }
}
