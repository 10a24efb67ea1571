using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tessera.Jobs;

namespace Tessera.Tests.Jobs;

/// <summary>Job handlers of kinds other than generation, as a module that owns such work would register them.</summary>
internal static class TestHandlers
{
    public static void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        services.AddJobHandler<EchoHandler>();
        services.AddJobHandler<BrokenHandler>();
        services.AddJobHandler<OutageHandler>();
    }
}

/// <summary><c>test_echo</c>: returns its input as a JSON output and counts its runs per job.</summary>
internal sealed class EchoHandler : IJobHandler
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();

    public string Kind => "test_echo";

    public Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(job.Id, 1, (_, n) => n + 1);
        var body = System.Text.Encoding.UTF8.GetBytes(job.Input.GetRawText());
        return Task.FromResult(new JobResult([new JobFile(body, "application/json", "result")], new JsonObject { ["echoed"] = true }));
    }
}

/// <summary><c>test_broken</c>: refuses every job for good (not worth retrying).</summary>
internal sealed class BrokenHandler : IJobHandler
{
    public string Kind => "test_broken";

    public Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken) =>
        throw new JobFailure("source_gone", "The page to scrape is gone.", transient: false);
}

/// <summary><c>test_outage</c>: fails transiently every time, counting its attempts.</summary>
internal sealed class OutageHandler : IJobHandler
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();

    public string Kind => "test_outage";

    public Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(job.Id, 1, (_, n) => n + 1);
        throw new JobFailure("upstream_down", "The upstream service answered 503.", transient: true);
    }
}
