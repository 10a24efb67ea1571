namespace Tessera.Storage;

/// <summary>
/// Runs the migrations and then every <see cref="IStartupTask"/> in <c>StartingAsync</c>, which the host awaits
/// before any other service (and the web server) starts, so no request ever meets an old schema.
/// </summary>
internal sealed class StartupMigrations(MigrationRunner runner, IEnumerable<IStartupTask> tasks) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await runner.ApplyAsync(cancellationToken);
        foreach (var task in tasks)
        {
            await task.RunAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Work a module must finish after migrations and before the first request (e.g. the operator key).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
