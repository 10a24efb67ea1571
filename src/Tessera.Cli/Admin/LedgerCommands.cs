using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tessera.Client;

namespace Tessera.Cli.Admin;

/// <summary><c>tessera admin grant|balances|audit</c>.</summary>
internal static class LedgerCommands
{
    public static Command Grant(AdminAction run)
    {
        var account = new Argument<string>("ACCOUNT") { Description = "The account to credit." };
        var currency = new Argument<string>("CURRENCY") { Description = "credits, pixcoins, pixel_credits or sats." };
        currency.AcceptOnlyFromAmong([.. Currencies.All]);
        var amount = new Argument<decimal>("AMOUNT") { Description = "A positive amount in display units (10, 2.5).", CustomParser = ParseAmount };
        var pool = new Option<string>("--pool") { Description = "The credits pool (default: the server's).", HelpName = "monthly|purchased" };
        pool.AcceptOnlyFromAmong([.. Currencies.CreditPools]);
        var reason = new Option<string>("--reason") { Description = "Why, kept with the transfer.", HelpName = "R" };
        var idempotencyKey = new Option<string>("--idempotency-key") { Description = "Retrying with the same key grants once.", HelpName = "KEY" };

        var command = new Command("grant", "Grant an account an amount of a currency.") { account, currency, amount, pool, reason, idempotencyKey };
        command.Validators.Add(result =>
        {
            // Tokens, not values: a value that failed its own check would throw here.
            var poolGiven = result.GetResult(pool) is { Implicit: false };
            var currencyToken = result.GetResult(currency)?.Tokens.FirstOrDefault()?.Value;
            if (poolGiven && currencyToken is not null && currencyToken != Currencies.Credits)
            {
                result.AddError("--pool applies only to credits.");
            }
        });
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var accountId = parseResult.GetValue(account)!;
            var request = new GrantRequest(parseResult.GetValue(currency)!, parseResult.GetValue(amount), parseResult.GetValue(pool), parseResult.GetValue(reason));
            var transfer = await client.GrantAsync(accountId, request, parseResult.GetValue(idempotencyKey), cancellationToken);
            await printer.PrintAsync(transfer, writer =>
            {
                var what = request.Pool is null ? request.Currency : $"{request.Currency} ({request.Pool})";
                writer.WriteLine($"granted {Printer.Amount(request.Amount)} {what} to {accountId}");
                if (transfer.Id is not null)
                {
                    writer.WriteLine($"transfer: {transfer.Id}");
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Balances(AdminAction run)
    {
        var account = new Argument<string>("ACCOUNT") { Description = "The account whose balances to show." };
        var command = new Command("balances", "Show every currency and pool of an account.") { account };
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var list = await client.GetBalancesAsync(parseResult.GetValue(account)!, cancellationToken);
            await printer.PrintAsync(list, writer =>
            {
                var table = new TextTable("CURRENCY", "POOL", "POSTED", "HELD", "AVAILABLE").AlignRight(2, 3, 4);
                foreach (var balance in list.Balances)
                {
                    table.Add(balance.Currency, balance.Pool, Printer.Amount(balance.Posted), Printer.Amount(balance.Held), Printer.Amount(balance.Available));
                }

                table.WriteTo(writer);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Audit(AdminAction run)
    {
        var command = new Command("audit", "Check the ledger's invariants; exits 1 when one fails.");
        run.Attach(command, async (parseResult, client, printer, cancellationToken) =>
        {
            var audit = await client.AuditLedgerAsync(cancellationToken);
            await printer.PrintAsync(audit, writer =>
            {
                writer.WriteLine(audit.Ok ? "ledger audit: ok" : "ledger audit: FAILED");
                foreach (var entry in audit.Currencies)
                {
                    writer.WriteLine("  " + JsonSerializer.Serialize(entry, TesseraJson.Options));
                }
            });
            return audit.Ok ? ExitCodes.Ok : ExitCodes.ApiError;
        });
        return command;
    }

    private static decimal ParseAmount(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (decimal.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        result.AddError($"AMOUNT must be a positive number in display units such as 10 or 2.5, got '{token}'.");
        return 0;
    }
}
