using System.Net;
using System.Text;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>DECISIONS (Wave-1): a JSON route reads a body without (or with another) Content-Type as JSON; not-JSON is 400, never 415.</summary>
public sealed class JsonBodyContentTypeTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static ByteArrayContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = new(contentType);
        }

        return content;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    public async Task A_json_body_without_a_json_content_type_is_read_as_json(string? contentType)
    {
        var response = await _client.PostAsync("/bsap/api/placements/quote", Body("""{"x":0,"y":0,"size":10}""", contentType), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("available").GetBoolean());
    }

    [Theory]
    [InlineData("/bsap/api/placements/quote", null)]
    [InlineData("/bsap/api/placements/quote", "text/plain")]
    [InlineData("/omp/api/referral", null)]
    [InlineData("/omp/api/referral", "text/plain")]
    public async Task A_body_that_is_not_json_is_400_invalid_json_in_the_surface_shape_not_415(string path, string? contentType)
    {
        var response = await _client.PostAsync(path, Body("x=1&y=2", contentType), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
