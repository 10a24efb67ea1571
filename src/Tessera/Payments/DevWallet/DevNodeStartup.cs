using Microsoft.Extensions.Options;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Payments.DevWallet;

/// <summary>
/// Makes (or loads) the dev node's key at start when the dev wallet is the backend, so its first invoice does not wait on
/// it. A stored key this server's secret key cannot open is logged, not fatal: the server starts and invoices fail
/// with <c>secret_unavailable</c> until the operator configures the key (docs/secrets.md).
/// </summary>
internal sealed class DevNodeStartup(IOptions<LightningOptions> options, DevNode node, ILogger<DevNodeStartup> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Backend != LightningOptions.DevBackend)
        {
            return;
        }

        try
        {
            await node.GetKeyAsync(cancellationToken);
        }
        catch (SecretUnavailableException exception)
        {
            Log.DevNodeKeyUnavailable(logger, exception.KeyId);
        }
    }
}
