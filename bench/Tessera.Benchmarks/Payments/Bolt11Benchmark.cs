using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Tessera.Payments.Bolt11;

namespace Tessera.Benchmarks.Payments;

/// <summary>
/// BOLT11 in process, one thread: invoices encoded and signed per second (what the dev wallet does per invoice), and
/// decoded and verified per second (key recovery from the signature, what every payment does). The invoice is a
/// typical dev wallet one: regtest, amount, payment secret, a 40-character description, expiry, features.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- bolt11 [seconds]</c>.
/// </summary>
public static class Bolt11Benchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var key = SHA256.HashData("tessera bolt11 benchmark"u8);
        var invoice = new Bolt11Invoice
        {
            Network = Bolt11Network.Regtest,
            AmountMsat = 2_500_000,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000),
            PaymentHash = Convert.ToHexStringLower(SHA256.HashData("preimage"u8)),
            PaymentSecret = Convert.ToHexStringLower(SHA256.HashData("secret"u8)),
            Description = "placement 40,40 size 10 on the canvas",
            Expiry = TimeSpan.FromMinutes(15),
            Features = [Bolt11Features.VarOnionOptin, Bolt11Features.PaymentSecret],
        };

        var counter = 0L;
        var encoded = "";
        Run("encode+sign", seconds, () =>
        {
            // A different hash each time, so no two signatures are the same work.
            encoded = Bolt11Codec.Encode(invoice with { Timestamp = invoice.Timestamp.AddSeconds(counter++ % 1_000_000) }, key);
        });
        Run("decode+verify", seconds, () =>
        {
            if (!Bolt11Codec.Decode(encoded).IsSuccess)
            {
                throw new InvalidOperationException("The benchmark invoice does not decode.");
            }
        });
        Console.WriteLine($"invoice length: {encoded.Length} characters");
        return Task.FromResult(0);
    }

    private static void Run(string name, double seconds, Action operation)
    {
        for (var i = 0; i < 200; i++)
        {
            operation(); // warm-up: JIT tiers, BouncyCastle's precomputed tables
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            operation();
            count++;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count;

        // On a shared machine wall-clock rates swing with other processes; CPU time per operation does not, so both are printed.
        Console.WriteLine(
            $"BOLT11 {name}: {count / elapsed:N0} per second wall clock, {count / cpu:N0} per CPU-second " +
            $"({cpu * 1e6 / count:F0} µs CPU each, {allocated / 1024:F1} KB allocated each), single thread");
    }
}
