using Tessera.Benchmarks.Ledger;

// Dispatches by the first argument: `dotnet run -c Release --project bench/Tessera.Benchmarks -- ledger [sqlite|postgres]`.
return args.FirstOrDefault() switch
{
    "ledger" => await LedgerHoldPostBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Tessera.Benchmarks ledger [sqlite|postgres] [--seconds N] [--clients N] [--no-group-commit]");
    return 2;
}
