using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tessera.Tests.Engines.Local;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>
/// Issue #11 item 7: input that used to crash a handler (a 500) is a 400 in the surface's own shape. Each case here is a
/// request an attack run sent; the fuzz test (<see cref="Fuzz.RouteFuzzTests"/>) looks for more.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private const string HugeInteger = "92233720368547758080000";

    private readonly TesseraFactory _factory = new();
    private HttpClient _client = null!;
    private HttpClient _admin = null!;
    private string _key = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        _admin = _factory.CreateAdminClient();
        var account = await _admin.CreateAccountAsync();
        (_, _key) = await _admin.CreateKeyAsync(account);
        var grant = await _admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/grants", new { currency = "credits", amount = 100, pool = "purchased" }, Ct);
        grant.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? key = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.WithKey(key);
        }

        return _client.SendAsync(request, Ct);
    }

    private Task<HttpResponseMessage> PostJsonTextAsync(string path, string json, string? key = null) => PostAsync(path, Encoding.UTF8.GetBytes(json), key);

    private static async Task<string> NestedCodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("code").GetString()!;
    }

    private static async Task<string> FlatCodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Dojo_run_with_an_integer_beyond_64_bits_is_a_400_validation_error()
    {
        var response = await PostJsonTextAsync("/dojo/api/v1/models/flux-1.1-pro/run", $$"""{"prompt":"a lake","seed":{{HugeInteger}}}""", _key);
        Assert.Equal("validation_error", await NestedCodeAsync(response));
    }

    [Fact]
    public async Task Dojo_run_with_a_huge_integer_where_a_string_belongs_is_a_400_validation_error()
    {
        var response = await PostJsonTextAsync("/dojo/api/v1/models/flux-1.1-pro/run", $$"""{"prompt":{{HugeInteger}}}""", _key);
        Assert.Equal("validation_error", await NestedCodeAsync(response));
    }

    [Fact]
    public async Task Engine_animate_with_an_integer_beyond_64_bits_is_a_400_invalid_request()
    {
        var sprite = Convert.ToBase64String(LocalEngineRequests.TwoColourSprite(24, 16));
        var response = await PostJsonTextAsync("/engine/functions/v1/animate", $$"""{"image":"{{sprite}}","prompt":"walk right","fps":{{HugeInteger}}}""", _key);
        Assert.Equal("invalid_request", await NestedCodeAsync(response));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_json_body_is_a_400_invalid_json_in_the_surfaces_shape()
    {
        byte[] body = [.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        var admin = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/accounts") { Content = new ByteArrayContent(body) };
        admin.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var adminResponse = await _admin.SendAsync(admin, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, adminResponse.StatusCode);
        Assert.Equal("invalid_json", (await adminResponse.ReadJsonAsync()).GetProperty("code").GetString());

        byte[] pixel = [.. "{\"x\":1,\"y\":1,\"color\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Equal("invalid_json", await FlatCodeAsync(await PostAsync("/omp/api/pixels", pixel, _key)));

        byte[] run = [.. "{\"prompt\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8];
        Assert.Equal("invalid_json", await NestedCodeAsync(await PostAsync("/dojo/api/v1/models/flux-1.1-pro/run", run, _key)));
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_bound_json_string_is_a_400()
    {
        var admin = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/accounts") { Content = new StringContent("""{"name":"\ud800 agent"}""", Encoding.UTF8, "application/json") };
        var response = await _admin.SendAsync(admin, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("invalid_json", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_job_input_is_a_400_not_a_queued_job()
    {
        var response = await PostJsonTextAsync("/dojo/api/v1/models/flux-1.1-pro/run", """{"prompt":"a lake \udc00 at dusk"}""", _key);
        Assert.Equal("invalid_json", await NestedCodeAsync(response));

        var sprite = Convert.ToBase64String(LocalEngineRequests.TwoColourSprite(24, 16));
        var engine = await PostJsonTextAsync("/engine/functions/v1/animate", $$"""{"image":"{{sprite}}","prompt":"walk \ud800"}""", _key);
        Assert.Equal("invalid_request", await NestedCodeAsync(engine));
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_in_the_canvas_shape()
    {
        var garbage = "--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--ab"u8.ToArray();
        Assert.Equal("invalid_form", await FlatCodeAsync(await PostAsync("/omp/api/pixels/upload", garbage, _key, "multipart/form-data; boundary=abc")));
        Assert.Equal("invalid_form", await FlatCodeAsync(await PostAsync("/bsap/api/placements", garbage, null, "multipart/form-data; boundary=abc")));
    }

    [Fact]
    public async Task A_multipart_body_without_a_boundary_is_a_400_in_the_canvas_shape()
    {
        var body = "--abc\r\n\r\n"u8.ToArray();
        Assert.Equal("invalid_form", await FlatCodeAsync(await PostAsync("/omp/api/pixels/upload", body, _key, "multipart/form-data")));
    }

    [Fact]
    public async Task A_form_with_more_than_1024_fields_is_a_400_in_the_canvas_shape()
    {
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 1100; i++)
        {
            form.Add(new StringContent("1"), "f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/pixels/upload") { Content = form }.WithKey(_key);
        Assert.Equal("invalid_form", await FlatCodeAsync(await _client.SendAsync(request, Ct)));

        var urlEncoded = new FormUrlEncodedContent(Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create("f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "1")));
        Assert.Equal("invalid_form", await FlatCodeAsync(await _client.PostAsync("/bsap/api/placements", urlEncoded, Ct)));
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_body_api_key_is_a_401_not_a_crash()
    {
        var response = await PostJsonTextAsync("/ocean/_probe/key", """{"api_key":"\ud800"}""");
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {text}");
        Assert.False(JsonDocument.Parse(text).RootElement.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Admin_job_input_with_a_lone_surrogate_is_a_400_problem()
    {
        var account = await _admin.CreateAccountAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/jobs")
        {
            Content = new StringContent($$$"""{"account_id":"{{{account}}}","model":"flux-1.1-pro","input":{"prompt":"\udfff"}}""", Encoding.UTF8, "application/json"),
        };
        var response = await _admin.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("invalid_json", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_nul_in_a_query_value_is_a_400_in_the_surfaces_shape()
    {
        // Found by the fuzz on PostgreSQL (seed 99): the NUL reached a text parameter and PostgreSQL refused it (22021).
        var admin = await _admin.GetAsync("/admin/v1/accounts?after=%00", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, admin.StatusCode);
        Assert.Equal("validation_error", (await admin.ReadJsonAsync()).GetProperty("code").GetString());

        var engine = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/engine/functions/v1/jobs?id=job_%00").WithKey(_key), Ct);
        Assert.Equal("validation_error", await NestedCodeAsync(engine));
    }

    [Fact]
    public async Task A_nul_escape_in_a_job_input_is_a_400()
    {
        var response = await PostJsonTextAsync("/dojo/api/v1/models/flux-1.1-pro/run", """{"prompt":"a lake\u0000"}""", _key);
        Assert.Equal("invalid_json", await NestedCodeAsync(response));
    }

    [Fact]
    public async Task A_nul_escape_in_a_bound_json_string_is_a_400_invalid_json()
    {
        // On PostgreSQL this name reached the insert and failed there (22021), a 500.
        var response = await _admin.PostAsync("/admin/v1/accounts", new StringContent("""{"name":"a\u0000b"}""", Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("invalid_json", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }
}
