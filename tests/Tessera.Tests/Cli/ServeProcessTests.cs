using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Cli;

/// <summary><c>tessera serve</c> as a real process: options, the generated operator key, health, graceful shutdown.</summary>
public sealed class ServeProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_prints_a_generated_operator_key_once_answers_health_and_stops_on_sigterm()
    {
        await using var database = TestDatabase.Create();
        List<string> args = ["--data", database.DataDirectory];
        if (database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        string? key;
        await using (var first = await ServerProcess.StartAsync(args))
        {
            Assert.Equal(0, await first.StopAsync());
            key = first.Output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("tak_", StringComparison.Ordinal));
            Assert.NotNull(key);
        }

        await using var second = await ServerProcess.StartAsync(args);
        second.Client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("/admin/v1/accounts", Ct)).StatusCode);
        Assert.Equal(0, await second.StopAsync());
        Assert.DoesNotContain("tak_", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_reads_its_options_from_a_config_file()
    {
        await using var database = TestDatabase.Create();
        var port = ServerProcess.FreePort();
        var config = Path.Combine(database.DataDirectory, "tessera.json");
        var connection = database.ConnectionString is { } cs ? $", \"Database\": \"{cs}\"" : "";
        await File.WriteAllTextAsync(config, $$"""
            { "urls": "http://127.0.0.1:{{port}}", "Tessera": { "Data": "{{database.DataDirectory}}", "AdminKey": "from-config"{{connection}} } }
            """, Ct);

        await using var server = await ServerProcess.StartAsync(["--config", config], port: port);
        server.Client.DefaultRequestHeaders.Authorization = new("Bearer", "from-config");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/admin/v1/accounts", Ct)).StatusCode);
        Assert.Equal(0, await server.StopAsync());
        Assert.True(database.IsPostgres || File.Exists(Path.Combine(database.DataDirectory, "tessera.db")));
    }
}
