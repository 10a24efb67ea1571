using Tessera.Benchmarks.Accounts;

// Each benchmark prints its own figures. Usage: dotnet run -c Release --project bench/Tessera.Benchmarks -- <name> [args]
switch (args.FirstOrDefault())
{
    case "auth":
        await AuthOverheadBenchmark.RunAsync(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("benchmarks: auth [rounds] [seconds] [concurrency]");
        return 2;
}
