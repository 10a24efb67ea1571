using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Issue #11 item 2: bulks collapse repeats, links have a cap, writes a per-key rate, reads a per-IP rate.</summary>
public sealed class WriteLimitTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory()
        .WithBucket("omp-reads", 5, "00:01:00", "Ip");

    private HttpClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_, _owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 10, 10);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Bulk_write_collapses_repeated_pixels_to_the_last()
    {
        var pixels = Enumerable.Range(0, 1000).Select(i => new { x = 5, y = 5, color = $"#0000{i % 256:X2}", url = "https://example.com/" + i }).ToArray();
        var response = await _owner.PostAsJsonAsync("/omp/api/pixels", new { pixels }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("updated").GetInt32());
        var pixel = Assert.Single((await (await _factory.CreateClient().GetAsync("/omp/api/pixels", Ct)).ReadJsonAsync()).GetProperty("pixels").EnumerateArray());
        Assert.Equal("#0000E7", pixel.GetProperty("color").GetString()); // 999 % 256 = 0xE7
        Assert.Equal("https://example.com/999", pixel.GetProperty("url").GetString());
        var history = (await (await _factory.CreateClient().GetAsync("/omp/api/pixels/history?x=5&y=5", Ct)).ReadJsonAsync()).GetProperty("history");
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task A_link_over_512_bytes_is_refused_naming_the_limit()
    {
        var url = "https://example.com/" + new string('a', 512 - 20 + 1);
        var response = await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, url }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("link_too_long", body.GetProperty("code").GetString());
        Assert.Contains("512 bytes", body.GetProperty("error").GetString(), StringComparison.Ordinal);

        var fits = await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 0, y = 0, url = url[..^1] }, Ct);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Writes_over_the_per_key_rate_get_429_in_the_omp_shape_with_retry_after()
    {
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 30 && refused is null; i++)
        {
            var response = await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 1, y = 1, color = "#010101" }, Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.NotNull(refused.Headers.RetryAfter);
        var body = await refused.ReadJsonAsync();
        Assert.Equal("rate_limit_exceeded", body.GetProperty("code").GetString());
        Assert.True(body.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Anonymous_reads_over_the_per_ip_rate_get_429_with_retry_after()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(i % 2 == 0 ? "/omp/api/canvas" : "/omp/api/pixels", Ct)).StatusCode);
        }

        var refused = await client.GetAsync("/omp/api/pixels/history?x=0&y=0", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("rate_limit_exceeded", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
