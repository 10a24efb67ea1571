using System.CommandLine;
using Tessera.Cli.Admin;
using Tessera.Cli.Engine;
using Tessera.Cli.Generate;
using Tessera.Client;

namespace Tessera.Cli;

/// <summary>The <c>tessera</c> command tree: <c>serve</c>, <c>admin ...</c>, <c>generate</c> and <c>animate</c>.</summary>
public sealed class CliApp
{
    private readonly CliEnvironment _environment;

    private CliApp(CliEnvironment environment)
    {
        _environment = environment;
        Root = new RootCommand("Tessera: a self-hosted pixel platform.")
        {
            ServeCommand.Create(environment),
            AdminCommand.Create(environment),
            GenerateCommand.Create(environment),
            AnimateCommand.Create(environment),
        };
    }

    public RootCommand Root { get; }

    public static CliApp Create(TextWriter output, TextWriter error, Func<Uri, string, TesseraAdminClient>? clientFactory = null) =>
        Create(new CliEnvironment(
            output,
            error,
            clientFactory ?? CliEnvironment.DefaultClientFactory,
            Environment.GetEnvironmentVariable,
            CliEnvironment.DefaultServe)
        {
            OutputIsTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected,
            ErrorIsTerminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected,
        });

    public static CliApp Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new CliApp(environment);
    }

    /// <summary>Parses and runs one command line; the process exit code (see <see cref="ExitCodes"/>).</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parseResult = Root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await _environment.Error.WriteLineAsync($"error: usage: {parseError.Message}");
            }

            await _environment.Error.WriteLineAsync("Run 'tessera --help' (or the command with --help) for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = _environment.Output,
            Error = _environment.Error,
            // The server's host handles Ctrl+C and SIGTERM itself, with its own shutdown timeout.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
