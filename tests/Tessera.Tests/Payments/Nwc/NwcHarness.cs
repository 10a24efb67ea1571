using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tessera.Payments.Nwc;
using Tessera.Payments.Nwc.Nostr;
using Tessera.Tests.Payments.Nwc.Fakes;

namespace Tessera.Tests.Payments.Nwc;

/// <summary>A fake relay, a fake wallet on it, and the real NWC backend pointed at both through a connection URI.</summary>
internal sealed class NwcHarness : IAsyncDisposable
{
    private NwcHarness(FakeRelay relay, FakeWallet wallet, NwcClient client, NwcInvoiceBackend backend)
    {
        RelayServer = relay;
        Wallet = wallet;
        Client = client;
        Backend = backend;
    }

    public FakeRelay RelayServer { get; }

    public FakeWallet Wallet { get; }

    public NwcClient Client { get; }

    public NwcInvoiceBackend Backend { get; }

    public static async Task<NwcHarness> StartAsync(TimeSpan? requestTimeout = null)
    {
        var relay = await FakeRelay.StartAsync();
        var wallet = new FakeWallet(relay.Url);
        var options = new NwcOptions
        {
            ConnectionUri = wallet.ConnectionUri(NostrKeys.Generate(), relay.Url),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        var client = new NwcClient(Options.Create(options), TimeProvider.System, NullLogger<NwcClient>.Instance);
        return new NwcHarness(relay, wallet, client, new NwcInvoiceBackend(client, TimeProvider.System));
    }

    /// <summary>Waits until the client's and the wallet's relay connections have each opened at least <paramref name="connects"/> times.</summary>
    public async Task WaitForConnectsAsync(int connects)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Client.Relays[0].Connects < connects || !Client.Relays[0].IsConnected || Wallet.Relay.Connects < connects || !Wallet.Relay.IsConnected)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Backend.Dispose();
        await Client.DisposeAsync();
        await Wallet.DisposeAsync();
        await RelayServer.DisposeAsync();
    }
}
