using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tessera.Engines;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Ledger;
using Tessera.Tests.Support;

namespace Tessera.Tests.Jobs;

/// <summary>A server with the test engines, short leases and fast retries; helpers to fund accounts and wait for jobs.</summary>
internal static class JobsTestHost
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TesseraFactory Create(TestDatabase? database = null, Action<IServiceCollection>? services = null, int concurrency = 4)
    {
        var factory = database is null ? new TesseraFactory() : new TesseraFactory(database);
        factory
            .With("Tessera:Jobs:Concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Tessera:Jobs:Lease", "00:00:01.500")
            .With("Tessera:Jobs:PollInterval", "00:00:00.050")
            .With("Tessera:Jobs:RetryBaseDelay", "00:00:00.050")
            .With("Tessera:Jobs:SweepInterval", "00:00:00.100")
            .With("Tessera:Jobs:FollowupDelay", "00:00:00.300")
            .With("Tessera:PublicBaseUrl", "https://pixels.example")
            .WithServices(s =>
            {
                s.RemoveAll<IModelRegistry>();
                s.AddSingleton<IModelRegistry, TestModelRegistry>();
                services?.Invoke(s);
            });
        return factory;
    }

    public static JsonElement Input(object? value = null) => JsonSerializer.SerializeToElement(value ?? new { prompt = "a castle" });

    public static async Task<string> FundedAccountAsync(this TesseraFactory factory, decimal credits = 10)
    {
        var account = "acc_" + Guid.NewGuid().ToString("N")[..12];
        if (credits > 0)
        {
            Assert.True((await factory.Services.GetRequiredService<LedgerService>().GrantAsync(account, "credits", credits, "purchased", null, cancellationToken: Ct)).IsSuccess);
        }

        return account;
    }

    public static async Task<Job> SubmitOkAsync(this TesseraFactory factory, JobSubmission submission)
    {
        var result = await factory.Services.GetRequiredService<JobService>().SubmitAsync(submission, Ct);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value.Job;
    }

    /// <summary>Waits until the job is terminal (and its hold and hooks are done); returns it as stored.</summary>
    public static async Task<Job> WaitTerminalAsync(this TesseraFactory factory, string jobId, TimeSpan? timeout = null)
    {
        var store = factory.Services.GetRequiredService<JobStore>();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var stored = await store.FindAsync(jobId, Ct);
            if (stored is { Job.IsTerminal: true, Job.HooksPending: false } && (stored.HoldResolution is null || stored.HoldResolved))
            {
                return stored.Job;
            }

            Assert.True(DateTime.UtcNow < until, $"job {jobId} is still {stored?.Job.Status}");
            await Task.Delay(25, Ct);
        }
    }

    public static async Task<(decimal Available, decimal Held)> CreditsAsync(this TesseraFactory factory, string account)
    {
        var balances = (await factory.Services.GetRequiredService<LedgerService>().BalancesAsync(account, Ct)).Where(b => b.Currency == "credits").ToList();
        return (balances.Sum(b => b.Available), balances.Sum(b => b.Held));
    }
}
