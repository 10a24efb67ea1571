namespace Tessera.Payments.Nwc;

/// <summary>Registers the Nostr Wallet Connect invoice backend (keyed <c>nwc</c>) and its options.</summary>
public static class NwcExtensions
{
    public static IServiceCollection AddNwc(this IServiceCollection services, IConfiguration configuration)
    {
        // The connection URI is required, and checked at start, only when this backend is the one chosen.
        var chosen = string.Equals(configuration["Tessera:Lightning:Backend"], "nwc", StringComparison.OrdinalIgnoreCase);
        services.AddOptions<NwcOptions>().BindConfiguration(NwcOptions.Section)
            .Validate(options => !chosen || NwcConnectionUri.Parse(options.ConnectionUri).IsSuccess,
                "Tessera:Lightning:Nwc:ConnectionUri must be a nostr+walletconnect:// URI with a wallet public key, a ws(s) relay and a valid secret")
            .Validate(options => options.RequestTimeout > TimeSpan.Zero && options.ReconnectMinDelay > TimeSpan.Zero && options.ReconnectMaxDelay >= options.ReconnectMinDelay,
                "Tessera:Lightning:Nwc timeouts and reconnect delays must be positive, the maximum delay at least the minimum")
            .ValidateOnStart();
        services.AddSingleton<NwcClient>();
        services.AddKeyedSingleton<IInvoiceBackend, NwcInvoiceBackend>("nwc");
        return services;
    }
}
