using Tessera.Benchmarks.Accounts;
using Tessera.Benchmarks.Canvas;
using Tessera.Benchmarks.Engines;
using Tessera.Benchmarks.Ledger;

// Each benchmark prints its own figures: `dotnet run -c Release --project bench/Tessera.Benchmarks -- <name> [args]`.
return args.FirstOrDefault() switch
{
    "ledger" => await LedgerHoldPostBenchmark.RunAsync(args[1..]),
    "auth" => await AuthOverheadBenchmark.RunAsync(args[1..]),
    "canvas" => await CanvasBenchmark.RunAsync(args[1..]),
    "png" => await PngRenderBenchmark.RunAsync(args[1..]),
    "schema" => await InputValidationBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Tessera.Benchmarks ledger [sqlite|postgres] [--seconds N] [--clients N] [--no-group-commit]
               Tessera.Benchmarks auth [rounds] [seconds] [concurrency]
               Tessera.Benchmarks canvas [seconds]
               Tessera.Benchmarks png
               Tessera.Benchmarks schema [iterations]
        """);
    return 2;
}
