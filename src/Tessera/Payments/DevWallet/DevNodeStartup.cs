using Microsoft.Extensions.Options;
using Tessera.Storage;

namespace Tessera.Payments.DevWallet;

/// <summary>Makes (or loads) the dev node's key at start when the dev wallet is the backend, so its first invoice does not wait on it.</summary>
internal sealed class DevNodeStartup(IOptions<LightningOptions> options, DevNode node) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Backend == LightningOptions.DevBackend)
        {
            await node.GetKeyAsync(cancellationToken);
        }
    }
}
