using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>
/// ASP.NET Core and EF Core log at Warning unless configuration says otherwise (src/Tessera/Hosting/LoggingDefaults.cs):
/// at Information every request wrote two lines, which halved the hot read path's throughput (issue #12).
/// </summary>
public sealed class DefaultLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_served_request_writes_no_information_line_from_asp_net_core_by_default()
    {
        var logs = new CapturedLogs();
        await using var factory = new TesseraFactory().WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/omp/api/canvas", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/omp/api/no-such-route", Ct)).StatusCode);

        Assert.DoesNotContain(logs.Lines, line => IsFramework(line.Category) && line.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task Configuration_raises_asp_net_core_logging_back_to_information()
    {
        var logs = new CapturedLogs();
        await using var factory = new TesseraFactory()
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Information")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(logs));

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/healthz", Ct)).StatusCode);

        Assert.Contains(logs.Lines, line => line.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && line.Level == LogLevel.Information);
    }

    [Fact]
    public async Task Tessera_serve_logs_no_request_lines_by_default()
    {
        await using var database = TestDatabase.Create();
        List<string> args = ["--data", database.DataDirectory];
        if (database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        await using var server = await ServerProcess.StartAsync(args);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/omp/api/canvas", Ct)).StatusCode);
        Assert.Equal(0, await server.StopAsync());

        Assert.Contains("Now listening on", server.Output, StringComparison.Ordinal); // the host's own Information lines stay
        Assert.DoesNotContain("info: Microsoft.AspNetCore", server.Output, StringComparison.Ordinal); // the console logger's prefix
        Assert.DoesNotContain("info: Microsoft.EntityFrameworkCore", server.Output, StringComparison.Ordinal);
    }

    private static bool IsFramework(string category) =>
        category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);
}
