using System.CommandLine;

namespace Tessera.Cli.Admin;

/// <summary><c>tessera admin pay INVOICE</c>: pays a dev wallet invoice and prints its preimage.</summary>
internal static class LightningCommands
{
    public static Command Pay(AdminAction run)
    {
        var invoice = new Argument<string>("INVOICE") { Description = "A BOLT11 invoice made by the server's dev wallet (lnbcrt...)." };
        var command = new Command("pay", "Pay an invoice of the dev wallet; prints the preimage (the proof of payment).") { invoice };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var payment = await client.PayInvoiceAsync(parseResult.GetValue(invoice)!, cancellationToken);
            // The preimage alone on stdout, so `tessera admin pay lnbcrt... > preimage` is all a script needs.
            await printer.PrintAsync(payment, writer => writer.WriteLine(payment.Preimage));
            await printer.NoteAsync($"paid {Printer.Amount(payment.AmountSats)} sats, payment hash {payment.PaymentHash}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
