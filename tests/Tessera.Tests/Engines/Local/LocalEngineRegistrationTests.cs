using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Engines;
using Tessera.Engines.Local;

namespace Tessera.Tests.Engines.Local;

public sealed class LocalEngineRegistrationTests
{
    [Fact]
    public void The_three_local_engines_are_registered_by_name()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();

        // The server's image source needs the Outbound module; a registered source is kept (TryAdd).
        services.AddSingleton<Tessera.Engines.Local.Conditioning.IInputImageSource>(InputImages.None);
        services.AddLocalEngines();
        using var provider = services.BuildServiceProvider();
        var names = provider.GetServices<IGenerationEngine>().Select(engine => engine.Name).Order();
        Assert.Equal(["procedural-image", "procedural-video", "sprite-animation"], names);
    }
}
