using Tessera.Benchmarks.Accounts;
using Tessera.Benchmarks.Canvas;
using Tessera.Benchmarks.Editing;
using Tessera.Benchmarks.Engines;
using Tessera.Benchmarks.Http;
using Tessera.Benchmarks.Imaging;
using Tessera.Benchmarks.Jobs;
using Tessera.Benchmarks.Ledger;
using Tessera.Benchmarks.Media;
using Tessera.Benchmarks.Webhooks;
using Tessera.Benchmarks.Payments;
using Tessera.Benchmarks.Pipelines;
using Tessera.Benchmarks.Scraping;
using Tessera.Benchmarks.Vision;

// Each benchmark prints its own figures: `dotnet run -c Release --project bench/Tessera.Benchmarks -- <name> [args]`.
return args.FirstOrDefault() switch
{
    "ledger" => await LedgerHoldPostBenchmark.RunAsync(args[1..]),
    "auth" => await AuthOverheadBenchmark.RunAsync(args[1..]),
    "canvas" => await CanvasBenchmark.RunAsync(args[1..]),
    "png" => await PngRenderBenchmark.RunAsync(args[1..]),
    "omp-abuse" => await OmpAbuseBenchmark.RunAsync(args[1..]),
    "placements" => await PlacementsBenchmark.RunAsync(args[1..]),
    "engines" => await LocalEnginesBenchmark.RunAsync(args[1..]),
    "webhooks" => await WebhookDeliveryBenchmark.RunAsync(args[1..]),
    "jobs" => await QueueBenchmark.RunAsync(args[1..]),
    "bolt11" => await Bolt11Benchmark.RunAsync(args[1..]),
    "schema" => await InputValidationBenchmark.RunAsync(args[1..]),
    "hot-read" => await HotReadBenchmark.RunAsync(args[1..]),
    "media" => await MediaLibraryBenchmark.RunAsync(args[1..]),
    "imaging" => await ImagingBenchmark.RunAsync(args[1..]),
    "editor" => await EditorBenchmark.RunAsync(args[1..]),
    "pipeline" => await PipelineBenchmark.RunAsync(args[1..]),
    "crawl" => await CrawlBenchmark.RunAsync(args[1..]),
    "vision" => await VisionBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Tessera.Benchmarks ledger [sqlite|postgres] [--seconds N] [--clients N] [--no-group-commit]
               Tessera.Benchmarks auth [rounds] [seconds] [concurrency]
               Tessera.Benchmarks canvas [seconds]
               Tessera.Benchmarks png
               Tessera.Benchmarks omp-abuse [runs] [seconds] [bulks]
               Tessera.Benchmarks placements [count]
               Tessera.Benchmarks engines [seconds] [--samples DIR]
               Tessera.Benchmarks webhooks [--messages N] [--in-flight N]
               Tessera.Benchmarks jobs [--seconds N] [--clients N] [--concurrency N]
               Tessera.Benchmarks bolt11 [seconds]
               Tessera.Benchmarks schema [iterations]
               Tessera.Benchmarks media [assets] [uploads] [queries]
               Tessera.Benchmarks imaging [runs] [images]
               Tessera.Benchmarks editor [runs]
               Tessera.Benchmarks pipeline [iterations]
               Tessera.Benchmarks crawl [runs]
               Tessera.Benchmarks vision [runs] [images]
        """);
    return 2;
}
