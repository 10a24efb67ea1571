using Microsoft.Extensions.Options;
using Tessera.Payments.DevWallet;
using Tessera.Payments.Lnd;
using Tessera.Payments.Mpp;
using Tessera.Payments.Nwc;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Payments;

/// <summary>The Payments module's front door: BOLT11, the invoice backend chosen by <c>Tessera:Lightning:Backend</c>, MPP (402) challenges.</summary>
public static class PaymentsExtensions
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LightningOptions>().BindConfiguration(LightningOptions.Section)
            .PostConfigure(options => options.Backend = (options.Backend ?? "").Trim().ToLowerInvariant()) // "LND" works too
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LightningOptions>, LightningOptionsValidator>();

        // Every backend is registered under its name; IInvoiceBackend is the one the configuration names.
        builder.Services.AddSingleton<DevNode>();
        builder.Services.AddSingleton<IStartupTask, DevNodeStartup>();
        builder.Services.AddKeyedSingleton<IInvoiceBackend, DevWalletBackend>(LightningOptions.DevBackend);
        builder.Services.AddProtectedColumn(new("payments_dev_node", "id", "private_key", DevNode.KeyPurpose));
        builder.Services.AddProtectedColumn(new("payments_dev_invoices", "payment_hash", "preimage", DevWalletBackend.PreimagePurpose));
        LndHttp.Add(builder.Services);
        builder.Services.AddKeyedSingleton<IInvoiceBackend, LndBackend>(LightningOptions.LndBackend);
        // Nostr Wallet Connect (Alby Hub): the keyed "nwc" IInvoiceBackend and Tessera:Lightning:Nwc options.
        builder.Services.AddNwc(builder.Configuration);
        builder.Services.AddSingleton(services =>
            services.GetRequiredKeyedService<IInvoiceBackend>(services.GetRequiredService<IOptions<LightningOptions>>().Value.Backend));
        builder.Services.AddSingleton<MppChallenges>();
        builder.Services.AddProtectedColumn(new("payments_settings", "name", "value", MppChallenges.KeyPurpose, $"name = '{MppChallenges.KeyName}'"));
        return builder;
    }
}
