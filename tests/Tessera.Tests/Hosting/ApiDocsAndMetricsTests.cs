using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

public sealed class ApiDocsAndMetricsTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_admin_openapi_document_lists_the_operator_routes()
    {
        var document = await (await _factory.CreateAdminClient().GetAsync("/openapi/admin.json", Ct)).ReadJsonAsync();
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/admin/v1/accounts", out _));
        Assert.True(paths.TryGetProperty("/admin/v1/accounts/{id}/keys", out _));
    }

    [Theory]
    [InlineData("omp")]
    [InlineData("bsap")]
    [InlineData("dojo")]
    [InlineData("engine")]
    [InlineData("ocean")]
    public async Task Every_surface_has_an_openapi_document(string name)
    {
        var response = await _factory.CreateClient().GetAsync($"/openapi/{name}.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKindObject, (await response.ReadJsonAsync()).GetProperty("paths").ValueKind);
    }

    [Fact]
    public async Task The_docs_page_is_served()
    {
        var client = _factory.CreateClient();
        var response = await client.GetAsync("/docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);

        // The page's script is served by Tessera itself: the docs work on a machine with no internet.
        var script = await client.GetAsync("/docs/scalar.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_requests_per_route_in_prometheus_text()
    {
        var client = _factory.CreateAdminClient();
        await client.GetAsync("/healthz", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        do
        {
            text = await client.GetStringAsync("/metrics", Ct);
        }
        while (!text.Contains("http_route=\"/healthz\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/healthz\"", text, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindObject = System.Text.Json.JsonValueKind.Object;

    private static async Task<bool> Delay()
    {
        await Task.Delay(200, Ct);
        return true;
    }
}
