using System.CommandLine;

namespace Tessera.Cli;

/// <summary><c>tessera serve</c>: forwards its options to the server, which maps them onto configuration.</summary>
internal static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        Option<string>[] forwarded =
        [
            new("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:8080).", HelpName = "URL" },
            new("--data") { Description = "Directory for the embedded database and files.", HelpName = "DIR" },
            new("--database") { Description = "Database connection string (PostgreSQL or SQLite).", HelpName = "CONNECTION_STRING" },
            new("--config") { Description = "Extra JSON configuration file.", HelpName = "FILE" },
            new("--admin-key") { Description = "The operator's admin key (else TESSERA_ADMIN_KEY, else one is made).", HelpName = "KEY" },
        ];

        var command = new Command("serve", "Run the Tessera server.") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in forwarded)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = new List<string>();
            foreach (var option in forwarded)
            {
                if (parseResult.GetValue(option) is { } value)
                {
                    args.Add(option.Name);
                    args.Add(value);
                }
            }

            // Anything else (e.g. --Tessera:Verification:Mode=open) goes to configuration as is.
            args.AddRange(parseResult.UnmatchedTokens);
            await environment.Serve([.. args], cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
