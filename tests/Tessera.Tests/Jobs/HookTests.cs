using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Jobs;

public sealed class HookTests
{
    [Fact]
    public async Task Every_hook_is_called_after_the_terminal_state_commits()
    {
        var hook = new RecordingHook(failures: 0);
        await using var factory = Create(services: s => s.AddSingleton<IJobTerminalHook>(hook));
        var account = await factory.FundedAccountAsync(10);

        var ok = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        var failed = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "fail", Input()));
        await factory.WaitTerminalAsync(ok.Id);
        await factory.WaitTerminalAsync(failed.Id);

        Assert.Equal(JobStatus.Succeeded, hook.Seen[ok.Id].Single().Status);
        Assert.Single(hook.Seen[ok.Id].Single().Outputs);
        Assert.Equal(JobStatus.Failed, hook.Seen[failed.Id].Single().Status);
    }

    [Fact]
    public async Task A_failed_hook_is_called_again_by_the_sweep_until_it_succeeds()
    {
        var hook = new RecordingHook(failures: 2);
        await using var factory = Create(services: s => s.AddSingleton<IJobTerminalHook>(hook));
        var account = await factory.FundedAccountAsync(10);

        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        var done = await factory.WaitTerminalAsync(job.Id);

        Assert.False(done.HooksPending);
        Assert.Equal(3, hook.Seen[job.Id].Count);
        Assert.All(hook.Seen[job.Id], seen => Assert.Equal(JobStatus.Succeeded, seen.Status));
    }

    private sealed class RecordingHook(int failures) : IJobTerminalHook
    {
        private int _failures = failures;

        public ConcurrentDictionary<string, ConcurrentQueue<Job>> Seen { get; } = new();

        public Task OnTerminalAsync(Job job, CancellationToken cancellationToken)
        {
            Seen.GetOrAdd(job.Id, _ => new()).Enqueue(job);
            return Interlocked.Decrement(ref _failures) >= 0 ? throw new InvalidOperationException("outbox down") : Task.CompletedTask;
        }
    }
}
