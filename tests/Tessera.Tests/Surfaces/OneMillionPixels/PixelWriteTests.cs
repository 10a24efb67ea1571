using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class PixelWriteTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _owner = null!;
    private string _account = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_account, _owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 10, 10);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<JsonElement[]> PixelsAsync(string query = "")
    {
        var body = await (await _factory.CreateClient().GetAsync("/omp/api/pixels" + query, Ct)).ReadJsonAsync();
        return [.. body.GetProperty("pixels").EnumerateArray()];
    }

    [Fact]
    public async Task A_pixel_write_repeated_with_its_idempotency_key_replays_the_answer_and_a_different_body_is_422()
    {
        async Task<HttpResponseMessage> WriteAsync(string color)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/pixels") { Content = JsonContent.Create(new { x = 1, y = 1, color }) };
            request.Headers.Add("Idempotency-Key", "paint-1");
            return await _owner.SendAsync(request, Ct);
        }

        var first = await WriteAsync("#00ff00");
        var again = await WriteAsync("#00ff00");
        var other = await WriteAsync("#0000ff");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("#00FF00", (await PixelsAsync("?region=1,1,1,1")).Single().GetProperty("color").GetString());
    }

    [Fact]
    public async Task An_owner_paints_a_pixel_and_everyone_sees_it()
    {
        var response = await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 3, y = 4, color = "#ff0000", url = "https://example.com/a" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(1, body.GetProperty("updated").GetInt32());

        var pixel = Assert.Single(await PixelsAsync());
        Assert.Equal(3, pixel.GetProperty("x").GetInt32());
        Assert.Equal(4, pixel.GetProperty("y").GetInt32());
        Assert.Equal("#FF0000", pixel.GetProperty("color").GetString());
        Assert.Equal("https://example.com/a", pixel.GetProperty("url").GetString());
        Assert.Equal(_account, pixel.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Short_colours_of_any_case_are_accepted_and_come_back_uppercase()
    {
        Assert.Equal(HttpStatusCode.OK, (await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, color = "#a1F" }, Ct)).StatusCode);
        Assert.Equal("#AA11FF", Assert.Single(await PixelsAsync()).GetProperty("color").GetString());
    }

    [Fact]
    public async Task A_field_left_out_leaves_that_attribute_unchanged()
    {
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 1, y = 1, color = "#00FF00", url = "https://example.com/keep" }, Ct);
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 1, y = 1, color = "#0000FF" }, Ct);
        var pixel = Assert.Single(await PixelsAsync());
        Assert.Equal("#0000FF", pixel.GetProperty("color").GetString());
        Assert.Equal("https://example.com/keep", pixel.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_bulk_write_is_applied_whole()
    {
        var pixels = Enumerable.Range(0, 100).Select(i => new { x = i % 10, y = i / 10, color = "#123456" }).ToArray();
        var response = await _owner.PostAsJsonAsync("/omp/api/pixels", new { pixels }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, (await response.ReadJsonAsync()).GetProperty("updated").GetInt32());
        Assert.Equal(100, (await PixelsAsync()).Length);
    }

    [Fact]
    public async Task Bulk_write_is_rejected_whole_when_one_pixel_is_not_owned()
    {
        var pixels = new[] { new { x = 0, y = 0, color = "#111111" }, new { x = 10, y = 0, color = "#222222" } };
        var response = await _owner.PostAsJsonAsync("/omp/api/pixels", new { pixels }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("not_owner", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Empty(await PixelsAsync());
    }

    [Theory]
    [InlineData("{\"x\":1000,\"y\":0,\"color\":\"#FFFFFF\"}")]
    [InlineData("{\"x\":0,\"y\":-1,\"color\":\"#FFFFFF\"}")]
    [InlineData("{\"x\":0,\"y\":0,\"color\":\"red\"}")]
    [InlineData("{\"x\":0,\"y\":0,\"color\":\"#GGGGGG\"}")]
    [InlineData("{\"x\":0,\"y\":0,\"url\":\"http://example.com\"}")]
    [InlineData("{\"x\":0,\"y\":0,\"url\":\"javascript:alert(1)\"}")]
    [InlineData("{\"x\":0,\"y\":0}")]
    [InlineData("{\"y\":0,\"color\":\"#FFFFFF\"}")]
    [InlineData("{\"pixels\":[]}")]
    public async Task Bad_pixels_get_400_and_change_nothing(string body)
    {
        var response = await _owner.PostAsync("/omp/api/pixels", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PixelsAsync());
    }

    [Fact]
    public async Task More_than_a_thousand_pixels_are_refused()
    {
        var pixels = Enumerable.Range(0, 1001).Select(_ => new { x = 0, y = 0, color = "#FFFFFF" }).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await _owner.PostAsJsonAsync("/omp/api/pixels", new { pixels }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_url_of_unreasonable_length_is_refused()
    {
        var url = "https://example.com/" + new string('a', 3000);
        Assert.Equal(HttpStatusCode.BadRequest, (await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, url }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Writing_needs_a_key()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, color = "#FFFFFF" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Regions_and_since_narrow_the_list()
    {
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { pixels = new[] { new { x = 1, y = 1, color = "#010101" }, new { x = 8, y = 8, color = "#080808" } } }, Ct);
        var seq = (await (await _factory.CreateClient().GetAsync("/omp/api/pixels", Ct)).ReadJsonAsync()).GetProperty("seq").GetInt64();
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 5, y = 5, color = "#050505" }, Ct);

        Assert.Single(await PixelsAsync("?x0=0&y0=0&x1=4&y1=4"));
        Assert.Equal(2, (await PixelsAsync("?x0=1&y0=1&x1=5&y1=5")).Length);
        var since = Assert.Single(await PixelsAsync($"?since={seq}"));
        Assert.Equal(5, since.GetProperty("x").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().GetAsync("/omp/api/pixels?x0=5&y0=0&x1=4&y1=4", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_pixel_list_answers_304_while_unchanged()
    {
        var client = _factory.CreateClient();
        var first = await client.GetAsync("/omp/api/pixels", Ct);
        var etag = first.Headers.ETag!;
        var request = new HttpRequestMessage(HttpMethod.Get, "/omp/api/pixels");
        request.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(request, Ct)).StatusCode);

        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, color = "#FFFFFF" }, Ct);
        var again = new HttpRequestMessage(HttpMethod.Get, "/omp/api/pixels");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(again, Ct)).StatusCode);
    }

    [Fact]
    public async Task History_keeps_every_change_with_old_and_new_values()
    {
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 2, y = 2, color = "#AAAAAA" }, Ct);
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 2, y = 2, color = "#BBBBBB", url = "https://example.com/b" }, Ct);
        var history = (await (await _factory.CreateClient().GetAsync("/omp/api/pixels/history?x=2&y=2", Ct)).ReadJsonAsync()).GetProperty("history");
        var entries = history.EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("old").GetProperty("color").ValueKind);
        Assert.Equal("#AAAAAA", entries[0].GetProperty("new").GetProperty("color").GetString());
        Assert.Equal("#AAAAAA", entries[1].GetProperty("old").GetProperty("color").GetString());
        Assert.Equal("#BBBBBB", entries[1].GetProperty("new").GetProperty("color").GetString());
        Assert.Equal(_account, entries[1].GetProperty("account_id").GetString());
    }
}
