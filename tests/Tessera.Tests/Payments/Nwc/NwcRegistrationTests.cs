using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tessera.Payments;
using Tessera.Payments.Nwc;
using Tessera.Payments.Nwc.Nostr;

namespace Tessera.Tests.Payments.Nwc;

public sealed class NwcRegistrationTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddNwc(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task The_nwc_backend_is_registered_under_its_key_and_starts_with_a_valid_uri()
    {
        var wallet = NostrKeys.Generate();
        using var host = Build(new()
        {
            ["Tessera:Lightning:Backend"] = "nwc",
            ["Tessera:Lightning:Nwc:ConnectionUri"] = $"nostr+walletconnect://{wallet.PublicKeyHex}?relay=ws://127.0.0.1:9&secret={Convert.ToHexStringLower(NostrKeys.Generate().SecretKey)}",
            ["Tessera:Lightning:Nwc:RequestTimeout"] = "00:00:05",
        });
        await host.StartAsync(TestContext.Current.CancellationToken);

        var backend = host.Services.GetRequiredKeyedService<IInvoiceBackend>("nwc");
        Assert.IsType<NwcInvoiceBackend>(backend);
        Assert.Equal("nwc", backend.Name);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<NwcOptions>>().Value.RequestTimeout);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Start_fails_when_nwc_is_chosen_and_the_uri_is_invalid()
    {
        using var host = Build(new() { ["Tessera:Lightning:Backend"] = "nwc", ["Tessera:Lightning:Nwc:ConnectionUri"] = "nostr+walletconnect://nope" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("ConnectionUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_uri_is_needed_when_another_backend_is_chosen()
    {
        using var host = Build(new() { ["Tessera:Lightning:Backend"] = "dev" });
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
