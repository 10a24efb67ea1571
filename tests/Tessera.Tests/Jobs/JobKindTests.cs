using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using Tessera.Ledger;
using Tessera.Storage;
using Tessera.Tests.Support;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Jobs;

/// <summary>Issue #13: jobs that are not generation jobs run on the same queue — no model, a price in any currency or none.</summary>
public sealed class JobKindTests
{
    private static JobSubmission Kind(string account, string kind, JobPrice? price = null, TimeSpan? deadline = null) =>
        new(account, "ocean", null, Input(new { ids = new[] { 1, 2, 3 } }), Kind: kind, Price: price, Deadline: deadline);

    [Fact]
    public async Task An_unpriced_job_of_a_handlers_kind_runs_from_submit_to_success_without_a_model_or_money()
    {
        await using var factory = Create(services: TestHandlers.AddTo);
        var account = await factory.FundedAccountAsync(0);

        var submitted = await factory.Services.GetRequiredService<JobService>().SubmitAsync(Kind(account, "test_echo"), Ct);

        Assert.True(submitted.IsSuccess, submitted.Error?.Message);
        Assert.Null(submitted.Value.Remaining);
        var done = await factory.WaitTerminalAsync(submitted.Value.Job.Id);
        Assert.Equal((JobStatus.Succeeded, "test_echo"), (done.Status, done.Kind));
        Assert.Null(done.Model);
        Assert.Null(done.Currency);
        Assert.Null(done.HoldId);
        Assert.Equal(0m, done.Cost);
        Assert.Equal(true, done.Metadata?["echoed"]?.GetValue<bool>());
        var output = Assert.Single(done.Outputs);
        Assert.Equal("application/json", output.ContentType);
        await using var blob = await factory.Services.GetRequiredService<IBlobStore>().OpenReadAsync(output.BlobHash, Ct);
        Assert.Contains("\"ids\"", await new StreamReader(blob!).ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_no_handler_runs_and_a_model_on_a_handlers_kind_are_refused_at_submission()
    {
        await using var factory = Create(concurrency: 0, services: TestHandlers.AddTo);
        var account = await factory.FundedAccountAsync(10);
        var jobs = factory.Services.GetRequiredService<JobService>();

        Assert.Equal("validation_error", (await jobs.SubmitAsync(Kind(account, "no_such_kind"), Ct)).Error?.Code);
        Assert.Equal("validation_error", (await jobs.SubmitAsync(Kind(account, "test_echo") with { Model = "ok" }, Ct)).Error?.Code);
        Assert.Equal("validation_error", (await jobs.SubmitAsync(Kind(account, "test_echo", new JobPrice("credits", 0)), Ct)).Error?.Code);
        Assert.Equal("validation_error", (await jobs.SubmitAsync(Kind(account, "test_echo", new JobPrice("doubloons", 1)), Ct)).Error?.Code);
        Assert.Empty((await jobs.ListAsync(account, cancellationToken: Ct)).Jobs);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_up_to_the_attempts_then_the_job_fails_with_its_code()
    {
        await using var factory = Create(services: TestHandlers.AddTo);
        var account = await factory.FundedAccountAsync(0);

        var job = await factory.SubmitOkAsync(Kind(account, "test_outage"));
        var done = await factory.WaitTerminalAsync(job.Id);

        Assert.Equal((JobStatus.Failed, "upstream_down"), (done.Status, done.ErrorCode));
        Assert.Equal(3, OutageHandler.Runs[job.Id]);
        Assert.Equal(3, done.Attempts);
    }

    [Fact]
    public async Task A_job_priced_in_pixcoins_holds_then_posts_on_success_and_voids_on_failure_in_pixcoins()
    {
        await using var factory = Create(concurrency: 0, services: TestHandlers.AddTo);
        var account = await factory.FundedAccountAsync(10);
        var ledger = factory.Services.GetRequiredService<LedgerService>();
        Assert.True((await ledger.GrantAsync(account, "pixcoins", 10, null, null, cancellationToken: Ct)).IsSuccess);
        var jobs = factory.Services.GetRequiredService<JobService>();

        var good = await jobs.SubmitAsync(Kind(account, "test_echo", new JobPrice("pixcoins", 2)), Ct);
        var bad = await jobs.SubmitAsync(Kind(account, "test_broken", new JobPrice("pixcoins", 3)), Ct);
        var tooDear = await jobs.SubmitAsync(Kind(account, "test_echo", new JobPrice("pixcoins", 6)), Ct);

        Assert.Equal(8m, good.Value.Remaining);
        Assert.Equal(5m, bad.Value.Remaining);
        Assert.Equal(("insufficient_credits", 402), (tooDear.Error?.Code, tooDear.Error?.Status));
        Assert.Equal(("pixcoins", 2m), (good.Value.Job.Currency, good.Value.Job.Cost));
        Assert.Equal((5m, 5m), await PixcoinsAsync(factory, account));

        await using var worker = Create(Shared(factory), services: TestHandlers.AddTo);
        _ = worker.Services;
        Assert.Equal(JobStatus.Succeeded, (await factory.WaitTerminalAsync(good.Value.Job.Id)).Status);
        Assert.Equal(("failed", "source_gone"), ((await factory.WaitTerminalAsync(bad.Value.Job.Id)).Status, (await factory.WaitTerminalAsync(bad.Value.Job.Id)).ErrorCode));
        Assert.Equal((8m, 0m), await PixcoinsAsync(factory, account));
        Assert.Equal((10m, 0m), await factory.CreditsAsync(account));
        Assert.True((await ledger.AuditAsync(Ct)).Ok);
    }

    [Fact]
    public async Task A_job_of_a_handlers_kind_whose_worker_died_is_claimed_again_when_its_lease_lapses_and_finishes_once()
    {
        await using var database = TestDatabase.Create();
        await using var front = Create(database, concurrency: 0, services: TestHandlers.AddTo);
        var account = await front.FundedAccountAsync(0);
        var ledger = front.Services.GetRequiredService<LedgerService>();
        Assert.True((await ledger.GrantAsync(account, "pixcoins", 5, null, null, cancellationToken: Ct)).IsSuccess);
        var job = await front.SubmitOkAsync(Kind(account, "test_echo", new JobPrice("pixcoins", 1)));
        // A worker on a node that then died: it claimed the job with a lease nobody will renew.
        var store = front.Services.GetRequiredService<JobStore>();
        var lease = DateTimeOffset.UtcNow.AddMilliseconds(300).ToUnixTimeMilliseconds();
        Assert.Single(await store.ClaimAsync("dead-node:1", 1, lease, Ct));

        await using var survivor = Create(database, services: TestHandlers.AddTo);
        _ = survivor.Services;
        var done = await front.WaitTerminalAsync(job.Id);

        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(1, EchoHandler.Runs[job.Id]);
        Assert.Equal(4m, (await PixcoinsAsync(front, account)).Available);
        Assert.True((await ledger.AuditAsync(Ct)).Ok);
    }

    [Fact]
    public async Task The_terminal_commit_posts_the_hold_in_the_same_transaction()
    {
        await using var factory = Create(concurrency: 0, services: TestHandlers.AddTo);
        var account = await factory.FundedAccountAsync(0);
        Assert.True((await factory.Services.GetRequiredService<LedgerService>().GrantAsync(account, "pixcoins", 5, null, null, cancellationToken: Ct)).IsSuccess);
        var job = await factory.SubmitOkAsync(Kind(account, "test_echo", new JobPrice("pixcoins", 2)));
        var store = factory.Services.GetRequiredService<JobStore>();
        Assert.Single(await store.ClaimAsync("node:1", 1, DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds(), Ct));

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var settled = await store.CompleteAsync(
            "node:1", new Terminal(job.Id, JobStatus.Succeeded, job.HoldId, "post", null, null, null, null, now, false, now + 60_000), [], Ct);

        // Nothing ran after the commit (no finisher, no sweep yet): the post was part of it.
        Assert.True(settled);
        Assert.Equal((3m, 0m), await PixcoinsAsync(factory, account));
        var stored = await store.FindAsync(job.Id, Ct);
        Assert.True(stored!.HoldResolved);
    }

    private static TestDatabase Shared(TesseraFactory factory) => factory.Database;

    private static async Task<(decimal Available, decimal Held)> PixcoinsAsync(TesseraFactory factory, string account)
    {
        var balances = (await factory.Services.GetRequiredService<LedgerService>().BalancesAsync(account, Ct)).Where(b => b.Currency == "pixcoins").ToList();
        return (balances.Sum(b => b.Available), balances.Sum(b => b.Held));
    }
}
