using System.CommandLine;

namespace Tessera.Cli.Admin;

/// <summary><c>tessera admin</c>: the operator API from the command line.</summary>
internal static class AdminCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new AdminOptions();
        var admin = new Command("admin", "Operate a running Tessera server through its operator API.");
        admin.Options.Add(options.Server);
        admin.Options.Add(options.AdminKey);
        admin.Options.Add(options.Json);

        var run = new AdminAction(environment, options);
        admin.Subcommands.Add(AccountCommands.Create(run));
        admin.Subcommands.Add(KeyCommands.Create(run));
        admin.Subcommands.Add(LedgerCommands.Grant(run));
        admin.Subcommands.Add(LedgerCommands.Balances(run));
        admin.Subcommands.Add(LedgerCommands.Audit(run));
        admin.Subcommands.Add(LightningCommands.Pay(run));
        admin.Subcommands.Add(PlacementCommands.Create(run));
        return admin;
    }
}
