using System.Net;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.Discovery;

public sealed class DiscoveryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TesseraFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("omp")]
    [InlineData("bsap")]
    [InlineData("dojo")]
    [InlineData("engine")]
    public async Task Every_operation_has_a_summary_and_a_seed_section_tag_and_the_base_alias_serves_the_same_document(string name)
    {
        var client = _factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync($"/openapi/{name}.json", Ct));
        using var alias = JsonDocument.Parse(await client.GetStringAsync($"/{name}/openapi.json", Ct));
        Assert.StartsWith("Tessera — ", document.RootElement.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name),
            alias.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        var sections = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<Tessera.Http.SurfaceDescriptor>(_factory.Services).Single(surface => surface.Name == name).Sections;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("summary", out _), where + " has no summary");
                Assert.Contains(operation.Value.GetProperty("tags").EnumerateArray().Single().GetString(), sections);
            }
        }
    }

    [Theory]
    [InlineData("/omp/nope", "\"code\":\"not_found\"")]
    [InlineData("/bsap/nope", "\"code\":\"not_found\"")]
    [InlineData("/dojo/nope", "\"status\":404")]
    [InlineData("/engine/nope", "{\"error\":{\"code\":\"not_found\"")]
    public async Task Unknown_paths_answer_404_in_the_surface_shape(string path, string expected)
    {
        var response = await _factory.CreateClient().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bsap_api_description_lists_routes_that_answer_and_llms_txt_names_every_route()
    {
        var client = _factory.CreateClient();
        using var api = JsonDocument.Parse(await client.GetStringAsync("/bsap/api", Ct));
        Assert.Equal(50000, api.RootElement.GetProperty("canvas").GetProperty("width").GetInt32());
        Assert.Equal("agent", api.RootElement.GetProperty("mode").GetString());
        var llms = await client.GetStringAsync("/bsap/llms.txt", Ct);
        // Both are generated from the same route metadata: one llms.txt section per endpoint of /api.
        Assert.Equal(api.RootElement.GetProperty("endpoints").GetArrayLength(), llms.Split("\n### ").Length - 1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(api.RootElement.GetProperty("links").GetProperty("canvas").GetString(), Ct)).StatusCode);
        var quote = await client.PostAsync("/bsap/api/placements/quote", new StringContent("""{"x":0,"y":0,"size":100}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
    }

    [Fact]
    public async Task Home_page_links_every_surface_document_and_each_link_answers()
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("application/json");
        using var home = JsonDocument.Parse(await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct));
        foreach (var surface in home.RootElement.GetProperty("surfaces").EnumerateArray())
        {
            foreach (var link in new[] { "guide", "llmsText", "openApi" })
            {
                if (surface.GetProperty(link).GetString() is { } url)
                {
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, Ct)).StatusCode);
                }
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dojo/llm.txt", Ct)).StatusCode);
        var html = await client.GetStringAsync("/", Ct);
        Assert.Contains("/engine/llms.txt", html, StringComparison.Ordinal);
    }
}
