using System.Net;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

public sealed class DojoModelTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = Configure(new TesseraFactory());
    private HttpClient _client = null!;
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        (_, _key) = await _factory.CreateUserAsync(credits: 0);
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Models_lists_dojo_models_with_pricing_and_absolute_links_but_not_other_surfaces_models()
    {
        var body = await (await _client.GetWithKeyAsync($"{Api}/models", _key)).ReadJsonAsync();
        var models = body.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(models.Count, body.GetProperty("count").GetInt32());
        var flux = Assert.Single(models, m => m.GetProperty("apiId").GetString() == "flux-1.1-pro");
        Assert.Equal("image", flux.GetProperty("outputKind").GetString());
        Assert.Equal(1m, flux.GetProperty("pricing").GetProperty("creditCost").GetDecimal());
        Assert.Equal("image", flux.GetProperty("pricing").GetProperty("unit").GetString());
        Assert.Equal("http://localhost/dojo/api/v1/models/flux-1.1-pro/run", flux.GetProperty("links").GetProperty("run").GetString());
        var video = Assert.Single(models, m => m.GetProperty("apiId").GetString() == "wan-video");
        Assert.Equal("second", video.GetProperty("pricing").GetProperty("unit").GetString());
        Assert.DoesNotContain(models, m => m.GetProperty("apiId").GetString() == "animate");
    }

    [Fact]
    public async Task Model_details_carry_the_schema_and_the_schema_route_serves_it_as_is()
    {
        var details = await (await _client.GetWithKeyAsync($"{Api}/models/qwen-image", _key)).ReadJsonAsync();
        Assert.Equal("Qwen Image", details.GetProperty("name").GetString());
        Assert.Contains("prompt", details.GetProperty("schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        var schema = await _client.GetWithKeyAsync($"{Api}/models/qwen-image/schema", _key);
        Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        Assert.Equal("application/json", schema.Content.Headers.ContentType!.MediaType);
        var document = await schema.ReadJsonAsync();
        Assert.Equal("object", document.GetProperty("type").GetString());
        Assert.Equal(details.GetProperty("schema").GetRawText().Length > 0, document.GetProperty("properties").TryGetProperty("aspect_ratio", out _));
    }

    [Fact]
    public async Task Unknown_model_and_another_surfaces_model_are_404_not_found()
    {
        foreach (var path in new[] { "/models/nope", "/models/nope/schema", "/models/animate" })
        {
            var response = await _client.GetWithKeyAsync(Api + path, _key);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("not_found", await response.ErrorCodeAsync());
        }
    }

    [Fact]
    public async Task Every_route_needs_a_key_401_unauthorized()
    {
        foreach (var path in new[] { "/models", "/models/flux-1.1-pro", "/jobs", "/jobs/job_x", "/webhook/secret" })
        {
            var response = await _client.GetAsync(Api + path, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", await response.ErrorCodeAsync());
        }

        var bad = await _client.GetWithKeyAsync($"{Api}/models", "tsk_not_a_real_key");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_under_dojo_is_404_not_found_in_the_dojo_shape()
    {
        var response = await _client.GetWithKeyAsync("/dojo/api/v1/nothing-here", _key);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ErrorCodeAsync());
    }
}
