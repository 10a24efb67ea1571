using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Tessera.Ledger;
using Tessera.Storage;

namespace Tessera.Benchmarks.Ledger;

/// <summary>
/// Hold + post pairs per second, in process against <see cref="LedgerService"/> (no HTTP), with N concurrent clients
/// (8 by default), each its own user spending credits: hold 1 credit (monthly and purchased legs), then post 0.5 of it
/// (partial: the rest returns), both with idempotency keys. SQLite on a temp file in WAL mode, or a fresh PostgreSQL
/// database (TESSERA_BENCH_POSTGRES, else the scripts/services server).
/// </summary>
internal static class LedgerHoldPostBenchmark
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=tessera;Password=tessera;Database=postgres;Pooling=true;Maximum Pool Size=40";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? "sqlite";
        var seconds = Option(args, "--seconds", 10);
        var clients = Option(args, "--clients", 8);
        var groupCommit = !args.Contains("--no-group-commit");

        var (database, cleanup) = provider == "postgres" ? await PostgresAsync() : Sqlite();
        try
        {
            await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
            await using var ledger = new LedgerService(database, TimeProvider.System, Options.Create(new LedgerOptions { SqliteGroupCommit = groupCommit, PostgresGroupCommit = groupCommit }));
            var users = Enumerable.Range(0, clients).Select(i => $"acc_bench{i}").ToArray();
            foreach (var user in users)
            {
                await ledger.GrantAsync(user, "credits", 1_000m, "monthly", null);
                await ledger.GrantAsync(user, "credits", 1_000_000m, "purchased", null);
            }

            await MeasureAsync(ledger, users, TimeSpan.FromSeconds(2)); // warm-up: JIT, pools, prepared statements
            var (pairs, elapsed) = await MeasureAsync(ledger, users, TimeSpan.FromSeconds(seconds));
            var audit = await ledger.AuditAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ledger hold+post {provider}{(groupCommit ? "" : " (no group commit)")}: {clients} clients, {pairs} pairs in {elapsed.TotalSeconds:F1} s = {pairs / elapsed.TotalSeconds:F0} pairs/s; audit ok={audit.Ok}"));
            return audit.Ok ? 0 : 1;
        }
        finally
        {
            await database.DisposeAsync();
            await cleanup();
        }
    }

    private static async Task<(long Pairs, TimeSpan Elapsed)> MeasureAsync(LedgerService ledger, string[] users, TimeSpan duration)
    {
        long pairs = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                var hold = await ledger.HoldAsync(user, "credits", 1m, TimeSpan.FromMinutes(10), $"h-{run}-{i}");
                var post = await ledger.PostAsync(hold.Value.Id, 0.5m, $"p-{run}-{i}");
                if (!post.IsSuccess)
                {
                    throw new InvalidOperationException(post.Error.Code);
                }

                Interlocked.Increment(ref pairs);
            }
        })));
        return (pairs, stopwatch.Elapsed);
    }

    private static (TesseraDatabase, Func<Task>) Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tessera-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = new TesseraDatabase(DatabaseProvider.Sqlite, ConnectionStrings.Sqlite(Path.Combine(directory, "tessera.db")));
        return (database, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            return Task.CompletedTask;
        }
        );
    }

    private static async Task<(TesseraDatabase, Func<Task>)> PostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable("TESSERA_BENCH_POSTGRES") is { Length: > 0 } value ? value : DefaultPostgres;
        var name = "tessera_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new TesseraDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
        return (database, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        );
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
