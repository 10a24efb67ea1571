using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using Tessera.Tests.Support;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Jobs;

public sealed class CancelTests
{
    [Fact]
    public async Task Canceling_a_queued_job_returns_its_credits_at_once()
    {
        await using var factory = Create(concurrency: 0);
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        var jobs = factory.Services.GetRequiredService<JobService>();

        var canceled = await jobs.CancelAsync(account, job.Id, Ct);

        Assert.Equal(JobStatus.Canceled, canceled.Value.Status);
        Assert.Equal((10m, 0m), await factory.CreditsAsync(account));
        Assert.Equal("job_finished", (await jobs.CancelAsync(account, job.Id, Ct)).Error?.Code);
    }

    [Fact]
    public async Task Canceling_a_running_job_stops_its_engine_and_returns_its_credits()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "hang", Input()));
        await WaitStatusAsync(factory, account, job.Id, JobStatus.Running);

        var canceled = await factory.Services.GetRequiredService<JobService>().CancelAsync(account, job.Id, Ct);

        Assert.Equal(JobStatus.Canceled, canceled.Value.Status);
        await factory.WaitTerminalAsync(job.Id);
        Assert.Equal((10m, 0m), await factory.CreditsAsync(account));
    }

    [Fact]
    public async Task A_cancel_on_one_node_stops_the_job_running_on_another()
    {
        await using var database = TestDatabase.Create();
        await using var runner = Create(database);
        await using var front = Create(database, concurrency: 0);
        var account = await front.FundedAccountAsync(10);
        var job = await front.SubmitOkAsync(new JobSubmission(account, "dojo", "hang", Input()));
        _ = runner.Services; // start the node that runs jobs
        await WaitStatusAsync(front, account, job.Id, JobStatus.Running);

        var canceled = await front.Services.GetRequiredService<JobService>().CancelAsync(account, job.Id, Ct);

        Assert.Equal(JobStatus.Canceled, canceled.Value.Status);
        await front.WaitTerminalAsync(job.Id);
        Assert.Equal((10m, 0m), await front.CreditsAsync(account));
    }

    private static async Task WaitStatusAsync(TesseraFactory factory, string account, string jobId, string status)
    {
        var jobs = factory.Services.GetRequiredService<JobService>();
        for (var i = 0; i < 400 && (await jobs.GetAsync(account, jobId, Ct)).Value.Status != status; i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.Equal(status, (await jobs.GetAsync(account, jobId, Ct)).Value.Status);
    }
}
