using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Http;
using Tessera.Ledger;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Jobs;

/// <summary>The Jobs module's front door: the queue service, this node's worker and sweep, signed output URLs and their route.</summary>
public static class JobsExtensions
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.Concurrency >= 0 && o.MaxAttempts >= 1, "Concurrency must be 0 or more and MaxAttempts at least 1")
            .Validate(o => o.Lease > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.RetryBaseDelay >= TimeSpan.Zero,
                "Lease, PollInterval and SweepInterval must be positive")
            .Validate(o => o.DefaultDeadline > TimeSpan.Zero && o.DefaultHoldTimeout > o.DefaultDeadline && o.DefaultOutputLifetime > TimeSpan.Zero,
                "The default deadline must be positive and shorter than the default hold timeout")
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobModels>();
        builder.Services.AddSingleton<JobHandlers>();
        builder.Services.AddSingleton<JobSignal>();
        builder.Services.AddSingleton<JobNumbers>();
        builder.Services.AddSingleton<LocalRuns>();
        builder.Services.AddSingleton<JobFinisher>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddSingleton(services => new JobService(
            services.GetRequiredService<JobStore>(), services.GetRequiredService<JobModels>(), services.GetRequiredService<JobHandlers>(),
            services.GetRequiredService<LedgerService>(),
            services.GetRequiredService<JobFinisher>(), services.GetRequiredService<JobSignal>(), services.GetRequiredService<LocalRuns>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IOptions<JobsOptions>>()));
        builder.Services.AddSingleton(services => new OutputUrls(
            services.GetRequiredService<JobStore>(), services.GetRequiredService<ISecretProtector>(), services.GetRequiredService<IOptions<JobsOptions>>(),
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHttpContextAccessor>(), services.GetService<IServer>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddProtectedColumn(new("job_settings", "name", "value", OutputUrls.KeyPurpose, $"name = '{OutputUrls.SettingName}'"));
        builder.Services.AddSingleton<JobWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<JobWorker>());
        builder.Services.AddSingleton<JobSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<JobSweeper>());
        return builder;
    }

    /// <summary>
    /// Registers the handler of a job kind (see <see cref="IJobHandler"/>): its jobs then run on the same queue as every
    /// other kind. Called by the module that owns the work.
    /// </summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler =>
        services.AddSingleton<IJobHandler, THandler>();

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapJobFiles();
        endpoints.MapGroup("/admin/v1").WithGroupName(SurfaceRegistry.Admin).RequireOperator().MapJobsAdmin();
        return endpoints;
    }
}
