using Microsoft.Extensions.Hosting;
using Tessera.Client;

namespace Tessera.Cli;

/// <summary>Everything the commands reach outside themselves, so tests can run them in-process.</summary>
/// <param name="Output">Where results go (stdout).</param>
/// <param name="Error">Where <c>error: code: detail</c> lines go (stderr).</param>
/// <param name="ClientFactory">Makes the operator API client for a server URL and admin key.</param>
/// <param name="GetEnvironmentVariable">Reads <c>TESSERA_SERVER</c> and <c>TESSERA_ADMIN_KEY</c>.</param>
/// <param name="Serve">Runs the server with <c>tessera serve</c>'s arguments.</param>
public sealed record CliEnvironment(
    TextWriter Output,
    TextWriter Error,
    Func<Uri, string, TesseraAdminClient> ClientFactory,
    Func<string, string?> GetEnvironmentVariable,
    Func<string[], CancellationToken, Task> Serve)
{
    public static Func<Uri, string, TesseraAdminClient> DefaultClientFactory { get; } = (server, key) => new TesseraAdminClient(server, key);

    public static async Task DefaultServe(string[] args, CancellationToken cancellationToken)
    {
        await using var app = Tessera.Hosting.TesseraApp.Build(args);
        await ((IHost)app).RunAsync(cancellationToken);
    }
}
