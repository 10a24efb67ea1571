using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>
/// The OMP canvas is the configured one (<c>Tessera:Canvas:Canvases:omp</c>), not the seed's 1000×1000 written into the
/// surface: writes, uploads, history, conversion and the skill file all take their bounds from configuration.
/// </summary>
public sealed class OmpCanvasSizeTests : IAsyncLifetime
{
    private const int Width = 1200;
    private const int Height = 1100;

    private readonly TesseraFactory _factory = new TesseraFactory()
        .With("Tessera:Canvas:Canvases:omp:Width", "1200").With("Tessera:Canvas:Canvases:omp:Height", "1100").With("Tessera:Canvas:Canvases:omp:Mode", "Pixel")
        .With("Tessera:Canvas:Canvases:bsap:Width", "100").With("Tessera:Canvas:Canvases:bsap:Height", "40").With("Tessera:Canvas:Canvases:bsap:Mode", "Placement");

    private HttpClient _client = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        _admin = _factory.CreateAdminClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<(string Account, string Key)> OwnerOfAsync(int x, int y, int width, int height)
    {
        var account = await _admin.CreateAccountAsync("owner");
        var (_, key) = await _admin.CreateKeyAsync(account);
        var claimed = await _admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x, y, width, height }, Ct);
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        return (account, key);
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string path, HttpContent content, string key) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }.WithKey(key), Ct);

    [Fact]
    public async Task Pixels_beyond_999_are_written_and_read_back_on_a_larger_configured_canvas_and_its_edge_is_refused()
    {
        var (_, key) = await OwnerOfAsync(1100, 1000, 100, 100);

        var write = await PostWithKeyAsync("/omp/api/pixels", JsonContent.Create(new { x = Width - 1, y = Height - 1, color = "#FF0000" }), key);
        var beyond = await PostWithKeyAsync("/omp/api/pixels", JsonContent.Create(new { x = Width, y = 1050, color = "#FF0000" }), key);
        var history = await _client.GetAsync($"/omp/api/pixels/history?x={Width - 1}&y={Height - 1}", Ct);
        var historyBeyond = await _client.GetAsync($"/omp/api/pixels/history?x=5&y={Height}", Ct);

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("between 0 and 1199", (await beyond.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("#FF0000", (await history.ReadJsonAsync()).GetProperty("history")[0].GetProperty("new").GetProperty("color").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, historyBeyond.StatusCode);
        Assert.Contains("y between 0 and 1099", (await historyBeyond.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_upload_fits_the_configured_canvas_not_the_seed_one()
    {
        var (_, key) = await OwnerOfAsync(1100, 1000, 100, 100);
        MultipartFormDataContent Form(int x, int y) => new()
        {
            { new ByteArrayContent(PlacementHost.Png(0, 0, 255)), "image", "image.png" },
            { new StringContent(x.ToString(System.Globalization.CultureInfo.InvariantCulture)), "x" },
            { new StringContent(y.ToString(System.Globalization.CultureInfo.InvariantCulture)), "y" },
        };

        var inside = await PostWithKeyAsync("/omp/api/pixels/upload", Form(1190, 1090), key);
        var outside = await PostWithKeyAsync("/omp/api/pixels/upload", Form(1195, 1090), key);

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(100, (await inside.ReadJsonAsync()).GetProperty("updated").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("1200x1100", (await outside.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Conversion_claims_beyond_999_within_the_configured_canvas_and_refuses_its_edge()
    {
        var (account, key, _) = await _client.CreateAgentAsync("fp-wide");
        await _admin.GrantPixelCreditsAsync(account, 400m);

        var converted = await _client.ConvertAsync(key, 1190, 1050);
        var beyond = await _client.ConvertAsync(key, Width, 0);

        Assert.Equal(HttpStatusCode.Created, converted.StatusCode);
        var claim = await converted.ReadJsonAsync();
        Assert.Equal((1190, 1050, 10), (claim.GetProperty("x").GetInt32(), claim.GetProperty("y").GetInt32(), claim.GetProperty("size").GetInt32()));
        Assert.Equal(300m, await _admin.PixelCreditsAsync(account));
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("start_x must be between 0 and 1199", (await beyond.ReadJsonAsync()).GetProperty("error").GetString());
        await _admin.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task The_skill_file_states_the_configured_size()
    {
        var skill = await _client.GetStringAsync("/omp/api/skill", Ct);

        Assert.Contains("A 1200×1100 pixel canvas", skill);
        Assert.Contains("Coordinates are x 0–1199, y 0–1099.", skill);
        Assert.DoesNotContain("999", skill);
    }
}
