using System.CommandLine;
using Tessera.Client;

namespace Tessera.Cli.Admin;

/// <summary><c>tessera admin account create|show|suspend|resume</c>.</summary>
internal static class AccountCommands
{
    public static Command Create(AdminAction run)
    {
        var account = new Command("account", "Create and inspect accounts.");

        var name = new Argument<string>("NAME") { Description = "The account's name." };
        var create = new Command("create", "Create an account.") { name };
        run.Attach(create, async (parseResult, client, printer, cancellationToken) =>
        {
            var created = await client.CreateAccountAsync(parseResult.GetValue(name)!, cancellationToken);
            await printer.PrintAsync(created, writer => Print(writer, created));
            return ExitCodes.Ok;
        });
        account.Subcommands.Add(create);

        account.Subcommands.Add(ById(run, "show", "Show an account.", (client, id, ct) => client.GetAccountAsync(id, ct)!));
        account.Subcommands.Add(ById(run, "suspend", "Suspend an account: its keys answer 403 until it is resumed.", (client, id, ct) => client.SuspendAccountAsync(id, ct)));
        account.Subcommands.Add(ById(run, "resume", "Resume a suspended account.", (client, id, ct) => client.ResumeAccountAsync(id, ct)));
        return account;
    }

    private static Command ById(AdminAction run, string verb, string description, Func<TesseraAdminClient, string, CancellationToken, Task<Account?>> call)
    {
        var id = new Argument<string>("ACCOUNT") { Description = "The account's id." };
        var command = new Command(verb, description) { id };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var accountId = parseResult.GetValue(id)!;
            var result = await call(client, accountId, cancellationToken);
            if (result is null)
            {
                await printer.PrintAsync(new { id = accountId, ok = true }, writer => writer.WriteLine($"{verb}: {accountId}: done"));
            }
            else
            {
                await printer.PrintAsync(result, writer => Print(writer, result));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter writer, Account account) => Printer.Fields(
        writer,
        ("id", account.Id),
        ("name", account.Name),
        ("kind", account.Kind),
        ("status", account.Status),
        ("created", Printer.Timestamp(account.CreatedAt)));
}
