using System.Net;
using System.Text;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

public sealed class ErrorShapeTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory().With("Tessera:Http:MaxRequestBodyBytes", "1024");
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("/dojo/api/v1/nothing-here")]
    [InlineData("/engine/functions/v1/nothing-here")]
    [InlineData("/ocean/api/nothing-here")]
    [InlineData("/omp/api/nothing-here")]
    [InlineData("/bsap/api/nothing-here")]
    public async Task Unknown_routes_under_a_surface_get_404_in_its_shape(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", CodeOf(path, await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task Unknown_admin_routes_get_a_problem_document()
    {
        var response = await _factory.CreateAdminClient().GetAsync("/admin/v1/nothing-here", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_gets_400_invalid_json_in_the_surfaces_shape()
    {
        var response = await _client.PostAsync("/dojo/_probe/json", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_to_the_operator_api_is_a_400_problem()
    {
        var response = await _factory.CreateAdminClient().PostAsync("/admin/v1/accounts", new StringContent("not json", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_in_the_surfaces_shape()
    {
        var response = await _client.PostAsync("/engine/_probe/json", new StringContent("{\"name\":\"" + new string('x', 4096) + "\"}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_crash_is_a_500_internal_error_without_a_stack_trace()
    {
        var response = await _client.GetAsync("/dojo/_probe/throw", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"internal_error\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

        var ocean = await (await _client.GetAsync("/ocean/_probe/throw", Ct)).ReadJsonAsync();
        Assert.False(ocean.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_method_gets_405_in_the_surfaces_shape()
    {
        var response = await _client.DeleteAsync("/engine/_probe/anonymous", Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cors_preflights_are_answered_for_any_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/engine/_probe/key");
        request.Headers.Add("Origin", "https://agent.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        var response = await _client.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static string? CodeOf(string path, System.Text.Json.JsonElement body) => path.Split('/')[1] switch
    {
        "dojo" or "engine" => body.GetProperty("error").GetProperty("code").GetString(),
        _ => body.GetProperty("code").GetString(),
    };
}
