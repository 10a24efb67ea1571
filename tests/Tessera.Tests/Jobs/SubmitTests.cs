using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using Tessera.Storage;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Jobs;

public sealed class SubmitTests
{
    [Fact]
    public async Task A_submitted_job_holds_its_cost_runs_and_posts_the_hold()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var jobs = factory.Services.GetRequiredService<JobService>();

        var submitted = await jobs.SubmitAsync(new JobSubmission(account, "dojo", "ok", Input()), Ct);

        Assert.True(submitted.IsSuccess);
        Assert.Equal(8, submitted.Value.Remaining);
        Assert.Equal(2, submitted.Value.Job.Cost);
        Assert.StartsWith("job_", submitted.Value.Job.Id);
        var done = await factory.WaitTerminalAsync(submitted.Value.Job.Id);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal("ok", done.Engine);
        var output = Assert.Single(done.Outputs);
        Assert.Equal("image/png", output.ContentType);
        Assert.True(await factory.Services.GetRequiredService<IBlobStore>().ExistsAsync(output.BlobHash, Ct));
        Assert.Equal((8m, 0m), await factory.CreditsAsync(account));
    }

    [Fact]
    public async Task Without_enough_credits_the_submit_is_402_and_makes_no_job()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(1);
        var jobs = factory.Services.GetRequiredService<JobService>();

        var submitted = await jobs.SubmitAsync(new JobSubmission(account, "dojo", "ok", Input()), Ct);

        Assert.False(submitted.IsSuccess);
        Assert.Equal(("insufficient_credits", 402), (submitted.Error.Code, submitted.Error.Status));
        Assert.Empty((await jobs.ListAsync(account, cancellationToken: Ct)).Jobs);
        Assert.Equal((1m, 0m), await factory.CreditsAsync(account));
    }

    [Fact]
    public async Task An_unknown_model_is_not_found()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);

        var submitted = await factory.Services.GetRequiredService<JobService>().SubmitAsync(new JobSubmission(account, "dojo", "no-such-model", Input()), Ct);

        Assert.Equal("not_found", submitted.Error?.Code);
    }

    [Fact]
    public async Task Another_accounts_job_is_not_found()
    {
        await using var factory = Create(concurrency: 0);
        var owner = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(owner, "dojo", "ok", Input()));
        var jobs = factory.Services.GetRequiredService<JobService>();

        Assert.True((await jobs.GetAsync(owner, job.Id, Ct)).IsSuccess);
        Assert.Equal("not_found", (await jobs.GetAsync("acc_someone_else", job.Id, Ct)).Error?.Code);
        Assert.Equal("not_found", (await jobs.CancelAsync("acc_someone_else", job.Id, Ct)).Error?.Code);
    }

    [Fact]
    public async Task Listing_pages_recent_first_by_cursor()
    {
        await using var factory = Create(concurrency: 0);
        var account = await factory.FundedAccountAsync(100);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()))).Id);
            await Task.Delay(2, Ct);
        }

        var jobs = factory.Services.GetRequiredService<JobService>();
        var first = await jobs.ListAsync(account, 2, null, Ct);
        var second = await jobs.ListAsync(account, 2, first.NextCursor, Ct);
        var third = await jobs.ListAsync(account, 2, second.NextCursor, Ct);

        ids.Reverse();
        Assert.Equal(ids, [.. first.Jobs.Select(j => j.Id), .. second.Jobs.Select(j => j.Id), .. third.Jobs.Select(j => j.Id)]);
        Assert.Null(third.NextCursor);
    }
}
