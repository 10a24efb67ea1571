using System.CommandLine;
using System.Globalization;
using Tessera.Client;

namespace Tessera.Cli.Admin;

/// <summary><c>tessera admin placements flagged|restore|remove</c>: the operator's review of flagged Billion Satoshi placements.</summary>
internal static class PlacementCommands
{
    public static Command Create(AdminAction run)
    {
        var placements = new Command("placements", "Review flagged Billion Satoshi placements.");
        placements.Subcommands.Add(Flagged(run));
        placements.Subcommands.Add(ById(run, "restore", "Show a hidden or flagged placement again and clear its flags.", (client, id, ct) => client.RestorePlacementAsync(id, ct)));
        placements.Subcommands.Add(ById(run, "remove", "Take a placement down for good: its square is for sale again, the payment is kept.",
            (client, id, ct) => client.RemovePlacementAsync(id, ct)));
        return placements;
    }

    private static Command Flagged(AdminAction run)
    {
        var hidden = new Option<bool>("--hidden") { Description = "Only the placements hidden by flags." };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-500).", DefaultValueFactory = _ => 100, HelpName = "N" };
        var command = new Command("flagged", "List flagged placements: hidden ones first, then active ones by flags.") { hidden, limit };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var list = await client.ListFlaggedPlacementsAsync(parseResult.GetValue(hidden), parseResult.GetValue(limit), cancellationToken);
            await printer.PrintAsync(list, writer =>
            {
                var table = new TextTable("ID", "STATUS", "FLAGS", "X", "Y", "SIZE", "SATS", "URL", "MESSAGE").AlignRight(2, 3, 4, 5, 6);
                foreach (var placement in list.Placements)
                {
                    table.Add(placement.Id, placement.Status, Number(placement.Flags), Number(placement.X), Number(placement.Y), Number(placement.Size),
                        Number(placement.Sats), placement.Url, placement.Message);
                }

                table.WriteTo(writer);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ById(AdminAction run, string name, string description, Func<TesseraAdminClient, string, CancellationToken, Task<ReviewedPlacement>> call)
    {
        var id = new Argument<string>("PLACEMENT") { Description = "The placement's id (plc_...)." };
        var command = new Command(name, description) { id };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var placement = await call(client, parseResult.GetValue(id)!, cancellationToken);
            await printer.PrintAsync(placement, writer => Printer.Fields(
                writer,
                ("id", placement.Id),
                ("status", placement.Status),
                ("flags", Number(placement.Flags)),
                ("square", $"{placement.Size}x{placement.Size} at ({placement.X},{placement.Y})")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
