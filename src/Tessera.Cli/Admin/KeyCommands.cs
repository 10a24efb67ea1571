using System.CommandLine;
using Tessera.Client;

namespace Tessera.Cli.Admin;

/// <summary><c>tessera admin key create|list|rename|delete|deactivate|reactivate</c>.</summary>
internal static class KeyCommands
{
    public static Command Create(AdminAction run)
    {
        var key = new Command("key", "Manage an account's API keys.");
        key.Subcommands.Add(CreateKey(run));
        key.Subcommands.Add(List(run));
        key.Subcommands.Add(Rename(run));
        key.Subcommands.Add(ById(run, "delete", "Delete a key for good.", async (client, id, ct) =>
        {
            await client.DeleteKeyAsync(id, ct);
            return null;
        }));
        key.Subcommands.Add(ById(run, "deactivate", "Deactivate a key: it answers 401 until reactivated.", (client, id, ct) => client.DeactivateKeyAsync(id, ct)));
        key.Subcommands.Add(ById(run, "reactivate", "Reactivate a deactivated key.", (client, id, ct) => client.ReactivateKeyAsync(id, ct)));
        return key;
    }

    private static Command CreateKey(AdminAction run)
    {
        var account = new Argument<string>("ACCOUNT") { Description = "The account the key authenticates." };
        var name = new Option<string>("--name") { Description = "A label for the key.", HelpName = "N" };
        var scopes = new Option<string[]>("--scope") { Description = "A scope the key holds; repeat for several (default: all).", HelpName = "S" };
        var surface = new Option<string>("--surface")
        {
            Description = "The surface the key is for; its prefix follows that surface's docs (engine: pe_sk_, dojo: pd_; default tsk_).",
            HelpName = "SURFACE",
        };
        var command = new Command("create", "Create a key; its secret is printed this once.") { account, name, scopes, surface };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var requested = parseResult.GetValue(scopes);
            var request = new CreateKeyRequest(parseResult.GetValue(name), requested is { Length: > 0 } ? requested : null, parseResult.GetValue(surface));
            var created = await client.CreateKeyAsync(parseResult.GetValue(account)!, request, cancellationToken);
            await printer.PrintAsync(created, writer => Printer.Fields(
                writer,
                ("key", created.Key),
                ("id", created.Id),
                ("prefix", created.Prefix),
                ("name", created.Name),
                ("scopes", Scopes(created.Scopes))));
            await printer.NoteAsync("The key is shown only this once: store it now.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(AdminAction run)
    {
        var account = new Argument<string>("ACCOUNT") { Description = "The account whose keys to list." };
        var command = new Command("list", "List an account's keys (prefixes, never secrets).") { account };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var list = await client.ListKeysAsync(parseResult.GetValue(account)!, cancellationToken);
            await printer.PrintAsync(list, writer =>
            {
                var table = new TextTable("ID", "PREFIX", "NAME", "SCOPES", "STATUS", "CREATED");
                foreach (var key in list.Keys)
                {
                    table.Add(key.Id, key.Prefix, key.Name, Scopes(key.Scopes), key.Status, Printer.Timestamp(key.CreatedAt));
                }

                table.WriteTo(writer);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rename(AdminAction run)
    {
        var id = new Argument<string>("KEY") { Description = "The key's id." };
        var name = new Argument<string>("NAME") { Description = "The new label." };
        var command = new Command("rename", "Rename a key.") { id, name };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var keyId = parseResult.GetValue(id)!;
            var result = await client.RenameKeyAsync(keyId, parseResult.GetValue(name)!, cancellationToken);
            await PrintAsync(printer, "rename", keyId, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ById(AdminAction run, string verb, string description, Func<TesseraAdminClient, string, CancellationToken, Task<ApiKey?>> call)
    {
        var id = new Argument<string>("KEY") { Description = "The key's id." };
        var command = new Command(verb, description) { id };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var keyId = parseResult.GetValue(id)!;
            await PrintAsync(printer, verb, keyId, await call(client, keyId, cancellationToken));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task PrintAsync(Printer printer, string verb, string keyId, ApiKey? key) => key is null
        ? printer.PrintAsync(new { id = keyId, ok = true }, writer => writer.WriteLine($"{verb}: {keyId}: done"))
        : printer.PrintAsync(key, writer => Printer.Fields(
            writer,
            ("id", key.Id),
            ("prefix", key.Prefix),
            ("name", key.Name),
            ("scopes", Scopes(key.Scopes)),
            ("status", key.Status),
            ("created", Printer.Timestamp(key.CreatedAt))));

    private static string Scopes(IReadOnlyList<string>? scopes) => scopes is { Count: > 0 } ? string.Join(",", scopes) : "*";
}
