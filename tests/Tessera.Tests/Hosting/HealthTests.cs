using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

public sealed class HealthTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Healthz_answers_ok_while_the_process_is_up()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_reports_the_database_it_reached()
    {
        var body = await _factory.CreateClient().GetFromJsonAsync<Dictionary<string, string>>("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal("ok", body!["status"]);
        Assert.Equal(_factory.Database.IsPostgres ? "postgres" : "sqlite", body["database"]);
    }
}
