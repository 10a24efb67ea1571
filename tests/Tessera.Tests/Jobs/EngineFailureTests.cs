using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Jobs;

/// <summary>An engine that fails, hangs past its deadline or returns garbage: the job fails with a clear error and the credits come back.</summary>
public sealed class EngineFailureTests
{
    [Theory]
    [InlineData("fail", "provider_error")]
    [InlineData("garbage", "bad_output")]
    [InlineData("nothing-works", "bad_output")]
    public async Task A_failing_engine_fails_the_job_and_returns_the_credits(string model, string code)
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);

        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", model, Input()));
        var done = await factory.WaitTerminalAsync(job.Id);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Equal(code, done.ErrorCode);
        Assert.False(string.IsNullOrEmpty(done.ErrorMessage));
        Assert.Empty(done.Outputs);
        Assert.Equal((10m, 0m), await factory.CreditsAsync(account));
    }

    [Theory]
    [InlineData("hang")]
    [InlineData("deaf")]
    public async Task An_engine_that_hangs_past_the_deadline_fails_the_job_and_returns_the_credits(string model)
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);

        var job = await factory.SubmitOkAsync(new JobSubmission(account, "engine", model, Input(), Deadline: TimeSpan.FromSeconds(1)));
        var done = await factory.WaitTerminalAsync(job.Id);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Equal(JobErrors.DeadlineExceeded, done.ErrorCode);
        Assert.Equal((10m, 0m), await factory.CreditsAsync(account));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_backoff_until_it_works()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);

        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "flaky", Input()));
        var done = await factory.WaitTerminalAsync(job.Id);

        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(3, done.Attempts);
        Assert.True(done.CompletedAt - done.StartedAt >= TimeSpan.FromMilliseconds(150), "backoff 50 ms then 100 ms");
        Assert.Equal((8m, 0m), await factory.CreditsAsync(account));
    }

    [Fact]
    public async Task When_an_engine_gives_up_the_next_engine_of_the_chain_runs()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);

        // down (transient × 3) → fail (non-transient) → ok
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "fallback", Input()));
        var done = await factory.WaitTerminalAsync(job.Id);

        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal("ok", done.Engine);
        Assert.Single(done.Outputs);
        Assert.Equal((8m, 0m), await factory.CreditsAsync(account));
    }
}
