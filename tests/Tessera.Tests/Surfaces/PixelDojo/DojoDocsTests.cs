using System.Net;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

public sealed class DojoDocsTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OpenApi_document_has_every_dojo_route_and_llms_txt_describes_each_of_them()
    {
        var client = _factory.CreateClient();
        var openApi = await (await client.GetAsync("/openapi/dojo.json", Ct)).ReadJsonAsync();
        var routes = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();
        string[] expected =
        [
            "GET /dojo/api/v1/models", "GET /dojo/api/v1/models/{apiId}", "GET /dojo/api/v1/models/{apiId}/schema",
            "POST /dojo/api/v1/models/{apiId}/run", "GET /dojo/api/v1/jobs", "GET /dojo/api/v1/jobs/{jobId}",
            "POST /dojo/api/v1/jobs/{jobId}/cancel", "GET /dojo/api/v1/jobs/{jobId}/webhook", "POST /dojo/api/v1/jobs/{jobId}/webhook",
            "GET /dojo/api/v1/webhook/secret", "GET /dojo/api/v1/credits",
        ];
        Assert.Equal(expected.Order(), routes.Order());

        var response = await client.GetAsync("/dojo/llms.txt", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        foreach (var route in expected)
        {
            Assert.Contains("### " + route, text, StringComparison.Ordinal);
        }

        Assert.Contains("Base URL: http://localhost/dojo/api/v1", text, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", text, StringComparison.Ordinal);
        Assert.Contains("60 requests per minute", text, StringComparison.Ordinal);
        Assert.Contains("| credit_error | 500 |", text, StringComparison.Ordinal);
        Assert.Contains("### flux-1.1-pro", text, StringComparison.Ordinal);
        Assert.Contains("\"aspect_ratio\"", text, StringComparison.Ordinal);
        Assert.Contains("`limit` (query", text, StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dojo_llms_txt_and_openapi_share_one_writer_and_one_example_per_route()
    {
        var client = _factory.CreateClient();
        var text = await client.GetStringAsync("/dojo/llms.txt", Ct);
        // The shared writer's per-route lines: the full URL and the route's rate limit.
        Assert.Contains("URL: http://localhost/dojo/api/v1/credits", text, StringComparison.Ordinal);
        Assert.Contains("Rate limit: 60 requests per 60 s per key", text, StringComparison.Ordinal);
        Assert.Contains("- `apiId` (path, string, required)", text, StringComparison.Ordinal);

        // The example llms.txt shows is the one the OpenAPI document carries.
        var openApi = await (await client.GetAsync("/dojo/openapi.json", Ct)).ReadJsonAsync();
        var run = openApi.GetProperty("paths").GetProperty("/dojo/api/v1/models/{apiId}/run").GetProperty("post");
        var example = run.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("job_abc123", example.GetProperty("jobId").GetString());
    }
}
