using Microsoft.Extensions.Hosting;
using Tessera.Client;
using Tessera.Client.PixelDojo;
using Tessera.Client.PixelEngine;

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

    /// <summary>Makes the PixelDojo client of <c>tessera generate</c> for a server URL and API key.</summary>
    public Func<Uri, string, PixelDojoClient> DojoClientFactory { get; init; } = (server, key) => new PixelDojoClient(server, key);

    /// <summary>True when <see cref="Output"/> is a terminal: progress redraws one line with a spinner instead of printing lines.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Makes the Pixel Engine client (<c>tessera animate</c>) for a server URL and a <c>pe_sk_</c> key.</summary>
    public Func<Uri, string, PixelEngineClient> EngineClientFactory { get; init; } = (server, key) => new PixelEngineClient(server, key);

    /// <summary>True when <see cref="Error"/> is a terminal: progress lines are redrawn in place instead of appended.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The clock progress displays measure elapsed time with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static async Task DefaultServe(string[] args, CancellationToken cancellationToken)
    {
        await using var app = Tessera.Hosting.TesseraApp.Build(args);
        await ((IHost)app).RunAsync(cancellationToken);
    }
}
